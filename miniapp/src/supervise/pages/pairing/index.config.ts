export default definePageConfig({ navigationBarTitleText: '亲清特使结对', enablePullDownRefresh: true });
