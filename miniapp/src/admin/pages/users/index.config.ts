export default definePageConfig({ navigationBarTitleText: '用户与角色 · 管理后台' });
