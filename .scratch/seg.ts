import { searchTerms, buildPolicyIndex, suggestFrom } from '@whistle/shared';
for (const t of ['我们企业想申请稳岗补贴，请问需要什么材料？','专精特新小巨人企业奖励','高新技术企业认定奖励','信用贷贴息','今天天气很好我们去公园散步','厂房用电增容审批进度']) console.log(t, searchTerms(t).join('|'));
const idx = buildPolicyIndex([
 { id: 'a', title: '2026 年稳岗补贴', summary: '参保企业不裁员或少裁员的，按上年度失业保险费返还。', category: 'employment', keywords: ['稳岗返还'] },
 { id: 'b', title: '小微企业信用贷款贴息', summary: '对小微企业在合作银行获得的信用贷款给予 50% 贴息。', category: 'finance', keywords: ['信用贷', '贴息'] },
 { id: 'c', title: '专精特新企业奖励', summary: '新认定国家级专精特新小巨人企业奖励 50 万元。', category: 'technology' },
]);
for (const q of ['我们想问问稳岗补贴怎么申请','贷款利息太高了有没有贴息','今天天气很好我们去公园散步','厂房用电增容审批','小巨人']) console.log(q, JSON.stringify(suggestFrom(idx, q)), JSON.stringify(idx.search(q)));
