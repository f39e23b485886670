export default definePageConfig({ navigationBarTitleText: '助企服务指数', enablePullDownRefresh: true });
