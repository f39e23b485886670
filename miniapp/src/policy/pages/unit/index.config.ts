export default definePageConfig({ navigationBarTitleText: '本单位政策', enablePullDownRefresh: true });
