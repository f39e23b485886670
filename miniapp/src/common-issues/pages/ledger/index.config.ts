export default definePageConfig({ navigationBarTitleText: '共性问题台账', enablePullDownRefresh: true });
