export default definePageConfig({ navigationBarTitleText: '新增走访', enablePullDownRefresh: false });
