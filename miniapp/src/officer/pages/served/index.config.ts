export default definePageConfig({ navigationBarTitleText: '我服务的企业', enablePullDownRefresh: true });
