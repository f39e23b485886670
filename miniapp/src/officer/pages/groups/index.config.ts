export default definePageConfig({ navigationBarTitleText: '我的群', enablePullDownRefresh: true });
