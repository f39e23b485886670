export default definePageConfig({ navigationBarTitleText: 'Excel 导入 · 管理后台' });
