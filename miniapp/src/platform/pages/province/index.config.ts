export default definePageConfig({ navigationBarTitleText: '全省概览', enablePullDownRefresh: true });
