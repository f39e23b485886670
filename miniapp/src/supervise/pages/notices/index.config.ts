export default definePageConfig({ navigationBarTitleText: '督办单', enablePullDownRefresh: true });
