export default definePageConfig({ navigationBarTitleText: '共性问题', enablePullDownRefresh: true });
