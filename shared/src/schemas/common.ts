import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini (cheaper to build at cold start than classic zod, and smaller)
 * registers no locale: without one every message is a bare "Invalid input".
 * English, as classic zod has it, for developers' errors (`prettifyError`);
 * people never see these: `fieldIssues` (validation.ts) rewrites any message a
 * schema did not write itself in Chinese. Only when none is set, so an
 * explicit `z.config(locale)` elsewhere still wins.
 */
if (!z.config().localeError) z.config(en());

/** A lone surrogate (half of a pair, alone): not text, and no store or queue takes it as such. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `s` is well-formed text: no NUL and no lone surrogate (emoji and CJK beyond the BMP are pairs, and fine). */
export const isCleanText = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/** The check every free-text input carries (text builders in api.ts, cursors, codes). */
export const cleanText = () => z.refine<string>(isCleanText, { error: '包含无效字符' });

/** Identifiers: short, URL-safe, lower-case. Tenants appear in every key. */
export const Id = z.string({ error: '必须是文本' }).check(
  z.minLength(1, { error: '不能为空' }),
  z.maxLength(64, { error: '过长（最多 64 个字符）', abort: true }),
  // letters spelled out in both cases rather than the `i` flag, which JSON Schema's `pattern` (the OpenAPI document) cannot carry
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: '只能包含字母、数字、- 和 _' }),
);

/** UTC instant, ISO 8601 with Z (we store instants in UTC; clocks are computed in Asia/Shanghai). */
export const Instant = z.iso.datetime({ error: '必须是 ISO 8601 UTC 时间' });

export const LocalDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' }));

/**
 * `assessor`: the third-party assessor (第三方评估): reads the assessment, enters scores with evidence.
 * `operator`: the platform operator (平台运营), a user of the platform tenant: creates tenants.
 * `province`: a province's reader (省级): every district's figures under its province tenant, read-only.
 */
export const ROLES = ['owner', 'officer', 'unitLead', 'leader', 'supervisor', 'agent', 'admin', 'assessor', 'operator', 'province'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TIERS = ['leading', 'backbone', 'growth', 'struggling'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

export const UNIT_TRACKS = ['department', 'township'] as const;
export const UnitTrack = z.enum(UNIT_TRACKS);
export type UnitTrack = z.infer<typeof UnitTrack>;

export const GROUP_KINDS = ['industry', 'township', 'key'] as const;
export const GroupKind = z.enum(GROUP_KINDS);
export type GroupKind = z.infer<typeof GroupKind>;

export const INDUSTRIES = [
  'equipment',
  'electronics',
  'materials',
  'chemicals',
  'food',
  'textiles',
  'logistics',
] as const;
export const Industry = z.enum(INDUSTRIES, { error: '行业不在列表中' });
export type Industry = z.infer<typeof Industry>;

export const CATEGORIES = ['finance', 'talent', 'land', 'permits', 'policy', 'utilities', 'market', 'other'] as const;
export const Category = z.enum(CATEGORIES, { error: '请选择诉求类别' });
export type Category = z.infer<typeof Category>;

export const PRIORITIES = ['normal', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES, { error: '紧急程度只能是 normal 或 urgent' });
export type Priority = z.infer<typeof Priority>;

export const CHANNELS = ['miniapp', 'hotline', 'visit', 'symposium', 'desk'] as const;
export const Channel = z.enum(CHANNELS, { error: '渠道不在列表中' });
export type Channel = z.infer<typeof Channel>;

/** Chinese labels shown to people; the codes above are what the API speaks. */
export const LABELS = {
  role: {
    owner: '企业负责人',
    officer: '部门工作人员',
    unitLead: '单位负责人',
    leader: '县领导',
    supervisor: '督办人员',
    agent: '在线客服',
    admin: '管理员',
    assessor: '第三方评估',
    operator: '平台运营',
    province: '省级查看',
  },
  tier: { leading: '龙头企业', backbone: '骨干企业', growth: '成长型企业', struggling: '困难企业' },
  track: { department: '部门', township: '镇街' },
  groupKind: { industry: '行业群', township: '镇街企业服务群', key: '重点企业服务群' },
  industry: {
    equipment: '装备制造',
    electronics: '电子信息',
    materials: '新材料',
    chemicals: '化工医药',
    food: '食品加工',
    textiles: '纺织服装',
    logistics: '现代物流',
  },
  category: {
    finance: '融资金融',
    talent: '人才用工',
    land: '用地建设',
    permits: '审批许可',
    policy: '政策咨询',
    utilities: '水电气网',
    market: '市场与供应链',
    other: '其他',
  },
  priority: { normal: '一般', urgent: '紧急' },
  channel: { miniapp: '小程序', hotline: '热线', visit: '走访', symposium: '座谈会', desk: '在线客服' },
} as const satisfies Record<string, Record<string, string>>;
