export default definePageConfig({ navigationBarTitleText: '单位 · 管理后台' });
