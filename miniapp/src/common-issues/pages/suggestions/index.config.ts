export default definePageConfig({ navigationBarTitleText: '可能的共性问题', enablePullDownRefresh: true });
