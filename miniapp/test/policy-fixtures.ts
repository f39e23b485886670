import { policyCard, type Enterprise, type Policy, type PolicyCard, type PolicyMatch, type PolicySuggestion } from '@whistle/shared';
import { ENTERPRISE_ID } from './fixtures';

/** Policies as the API answers them (schema-valid: the client checks every answer). */
export function policy(patch: Partial<Policy> = {}): Policy {
  return {
    id: 'pol-credit',
    tenantId: 'demo',
    title: '中小微企业信用贷款贴息',
    issuer: '清溪区财政局',
    level: 'district',
    category: 'finance',
    summary: '对区内中小微企业新增的信用贷款，按贷款市场报价利率的 50% 给予贴息，每户每年最高 30 万元。',
    howToApply: '每季度末前通过“清溪惠企”平台提交贷款合同和付息凭证，区金融办审核后拨付。',
    conditions: { industries: ['equipment'], tags: ['specialized'] },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    unitId: 'jrb',
    unitName: '区金融办',
    contact: { name: '王敏', phone: '0571-8888 1234' },
    status: 'published',
    publishedAt: '2026-01-05T02:00:00.000Z',
    createdBy: { userId: 'officer-jrb', name: '李娜' },
    createdAt: '2026-01-04T02:00:00.000Z',
    updatedAt: '2026-01-05T02:00:00.000Z',
    rev: 2,
    ...patch,
  };
}

export function card(patch: Partial<Policy> = {}): PolicyCard {
  // the list's projection of the same policy, as the API makes it
  return policyCard(policy(patch));
}

export const matched = (patch: Partial<PolicyMatch> = {}): PolicyMatch => ({
  kind: 'matched',
  reasons: ['行业：装备制造', '企业资质：专精特新'],
  daysLeft: 120,
  expiringSoon: false,
  ...patch,
});

export const universal = (patch: Partial<PolicyMatch> = {}): PolicyMatch => ({ kind: 'universal', reasons: [], expiringSoon: false, ...patch });

export const suggestion = (patch: Partial<Policy> = {}, words = ['贷款', '贴息']): PolicySuggestion => {
  const p = policy(patch);
  return { policy: card(patch), contact: p.contact, words, score: 3.2 };
};

export function enterprise(patch: Partial<Enterprise> = {}): Enterprise {
  return {
    id: ENTERPRISE_ID,
    tenantId: 'demo',
    name: '清溪恒通机械有限公司',
    industry: 'equipment',
    tier: 'growth',
    gridId: 'g01',
    key: false,
    ownerUserIds: ['owner-01'],
    ...patch,
  };
}
