export default definePageConfig({ navigationBarTitleText: '服务群 · 管理后台' });
