export default definePageConfig({ navigationBarTitleText: '政策超市', enablePullDownRefresh: true });
