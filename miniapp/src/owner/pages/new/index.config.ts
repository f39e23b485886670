export default definePageConfig({ navigationBarTitleText: '我要吹哨' });
