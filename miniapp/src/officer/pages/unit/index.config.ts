export default definePageConfig({ navigationBarTitleText: '本单位诉求', enablePullDownRefresh: true });
