export default definePageConfig({ navigationBarTitleText: '片区与网格 · 管理后台' });
