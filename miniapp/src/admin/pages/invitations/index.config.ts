export default definePageConfig({ navigationBarTitleText: '邀请码 · 管理后台' });
