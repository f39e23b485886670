export default definePageConfig({ navigationBarTitleText: '领办事项', enablePullDownRefresh: true });
