export default definePageConfig({ navigationBarTitleText: '租户管理 · 平台运营', enablePullDownRefresh: true });
