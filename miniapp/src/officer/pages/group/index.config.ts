export default definePageConfig({ navigationBarTitleText: '企业服务群', enablePullDownRefresh: true, backgroundColor: '#EDEDED' });
