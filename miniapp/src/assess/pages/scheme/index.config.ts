export default definePageConfig({ navigationBarTitleText: '考核方案', enablePullDownRefresh: true });
