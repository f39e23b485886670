export default definePageConfig({ navigationBarTitleText: '设置 · 管理后台' });
