export default definePageConfig({ navigationBarTitleText: '月度分析', enablePullDownRefresh: true });
