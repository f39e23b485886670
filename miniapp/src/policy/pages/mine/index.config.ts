export default definePageConfig({ navigationBarTitleText: '我的政策', enablePullDownRefresh: true });
