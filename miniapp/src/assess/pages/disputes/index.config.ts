export default definePageConfig({ navigationBarTitleText: '考核申诉', enablePullDownRefresh: true });
