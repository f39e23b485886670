export default definePageConfig({ navigationBarTitleText: '操作日志 · 管理后台' });
