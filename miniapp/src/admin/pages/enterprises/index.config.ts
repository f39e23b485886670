export default definePageConfig({ navigationBarTitleText: '企业 · 管理后台' });
