export default definePageConfig({ navigationBarTitleText: '赛马比拼', enablePullDownRefresh: true });
