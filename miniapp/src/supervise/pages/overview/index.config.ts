export default definePageConfig({ navigationBarTitleText: '督办总览', enablePullDownRefresh: true });
