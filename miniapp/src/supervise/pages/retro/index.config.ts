export default definePageConfig({ navigationBarTitleText: '典型问题复盘', enablePullDownRefresh: true });
