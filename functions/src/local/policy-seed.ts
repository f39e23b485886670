import { localDate, type Enterprise, type Policy, type PolicyCategory, type PolicyConditions, type PolicyLevel, type User } from '@whistle/shared';
import type { Ports } from '../ports.js';
import type { Store } from '../store/dynamo.js';
import { keys } from '../store/keys.js';
import { pushMessage } from '../services/policies.js';
import { pushPolicy } from '../services/policy-push.js';
import { principalOf } from '../services/principal.js';
import { issueCommand, intake } from '../services/tickets.js';
import { demoProfile, type TenantData } from './demo-data.js';

/**
 * The demo district's policy supermarket (政策超市): about forty invented
 * policies in the seeds' style, of every level and category, from the demo
 * units, each with its named contact (首问负责人) among the unit's people;
 * universal and conditional ones; a few expiring within thirty days, two
 * expired, two drafts and one retired. The published ones are pushed through
 * the real push (the owners' inboxes hold them); two owners have asked about
 * a policy (first-contact consultations, one answered); a few owners found
 * their answer in a suggestion. Dates are relative to the first start. Every
 * write is conditional or idempotent, and a marker goes last: a second load
 * adds nothing.
 */
export interface DemoPolicyMarker {
  present(): Promise<boolean>;
  set(): Promise<void>;
}

export const storePolicyMarker = (store: Store, tenantId: string): DemoPolicyMarker => ({
  present: async () => (await store.get(keys.demoPolicies(tenantId), true)) !== undefined,
  set: async () => void (await store.put({ ...keys.demoPolicies(tenantId), entity: 'DEMO_POLICIES', at: new Date().toISOString() })),
});

interface DemoPolicy {
  unit: string;
  /** the unit's officer or its lead answers */
  contact: 'officer' | 'lead';
  title: string;
  issuer: string;
  level: PolicyLevel;
  category: PolicyCategory;
  summary: string;
  keywords?: string[];
  conditions?: PolicyConditions;
  /** validity, in days from the first start: from (negative: already), to (absent: no end) */
  from: number;
  to?: number;
  howToApply: string;
  state?: 'draft' | 'retired';
  /** published this many days before the first start */
  ago: number;
}

const CITY = '市';
const DISTRICT = '区';
const P = (d: DemoPolicy) => d;

/** the demo's policies, in the units of demo-data.ts */
export const DEMO_POLICIES: readonly DemoPolicy[] = [
  P({ unit: 'jrb', contact: 'officer', title: '小微企业“清溪快贷”信用贷款贴息', issuer: `${DISTRICT}金融工作办公室`, level: 'district', category: 'finance', summary: '小微企业在合作银行获得的 500 万元以下纯信用贷款，按实际支付利息的 50% 给予贴息，单户每年最高 20 万元。', keywords: ['信用贷', '贴息', '贷款利息'], conditions: { revenueBands: ['lt500', 'r500to2000'] }, from: -120, to: 200, howToApply: '每季度末前通过“企业吹哨”小程序或金融办窗口提交贷款合同、付息凭证。', ago: 110 }),
  P({ unit: 'jrb', contact: 'lead', title: '首贷续贷“白名单”直通车', issuer: `${DISTRICT}金融工作办公室`, level: 'district', category: 'finance', summary: '成长型企业纳入首贷续贷白名单，推送合作银行 5 个工作日内给出授信意见，无还本续贷优先办理。', keywords: ['首贷', '续贷', '无还本续贷'], conditions: { tiers: ['growth'] }, from: -80, to: 20, howToApply: '向所在镇街或金融办报名，银行上门尽调。', ago: 75 }),
  P({ unit: 'jrb', contact: 'officer', title: '应急转贷（过桥）资金', issuer: `${CITY}财政局、${CITY}金融监管局`, level: 'city', category: 'finance', summary: '贷款到期、续贷已获银行审批的企业，可申请应急转贷资金周转，期限不超过 15 天，费率按日万分之一收取。', keywords: ['过桥资金', '转贷', '资金周转'], conditions: { tiers: ['backbone', 'growth', 'struggling'] }, from: -300, to: 300, howToApply: '凭银行续贷承诺函向金融办申请，3 个工作日内放款。', ago: 80 }),
  P({ unit: 'rsj', contact: 'officer', title: '创业担保贷款及贴息', issuer: `${CITY}人力资源和社会保障局`, level: 'city', category: 'finance', summary: '初创企业可申请最高 300 万元创业担保贷款，财政按贷款市场报价利率的 50% 贴息。', keywords: ['创业担保贷', '贴息', '创业贷款'], conditions: { tags: ['startup'] }, from: -200, to: 150, howToApply: '在人社局就业创业窗口提交营业执照、带动就业名单和经营计划。', ago: 60 }),
  P({ unit: 'rsj', contact: 'officer', title: '2026 年失业保险稳岗返还', issuer: `${CITY}人力资源和社会保障局`, level: 'city', category: 'employment', summary: '参保企业上年度未裁员或裁员率不高于全国调查失业率控制目标的，按上年度实际缴纳失业保险费的 60% 返还（中小微企业 90%）。', keywords: ['稳岗返还', '稳岗补贴', '失业保险'], from: -150, to: 45, howToApply: '符合条件的企业“免申即享”，资金直接拨付至社保缴费账户；未收到的可在小程序咨询。', ago: 90 }),
  P({ unit: 'rsj', contact: 'lead', title: '一次性扩岗补助', issuer: '省人力资源和社会保障厅', level: 'province', category: 'employment', summary: '企业招用毕业年度或离校两年内未就业高校毕业生、登记失业青年，签订劳动合同并参保满 1 个月的，每人一次性补助 1500 元。', keywords: ['扩岗补助', '招用毕业生', '吸纳就业'], from: -240, to: 25, howToApply: '在社保参保后 3 个月内通过人社网上办事大厅申请。', ago: 70 }),
  P({ unit: 'rsj', contact: 'officer', title: '以工代训职业技能培训补贴', issuer: `${DISTRICT}人力资源和社会保障局`, level: 'district', category: 'employment', summary: '纺织、食品、物流企业组织新录用职工岗位技能培训的，按每人每月 500 元给予以工代训补贴，最长 6 个月。', keywords: ['以工代训', '技能培训', '培训补贴'], conditions: { industries: ['textiles', 'food', 'logistics'] }, from: -60, to: 180, howToApply: '培训结束后 30 日内提交培训花名册、考勤和工资发放记录。', ago: 50 }),
  P({ unit: 'rsj', contact: 'officer', title: '高校毕业生就业见习补贴', issuer: `${DISTRICT}人力资源和社会保障局`, level: 'district', category: 'employment', summary: '认定为就业见习基地的企业接收见习人员，按当地最低工资标准的 80% 给予见习补贴，留用率达 50% 的再奖励 2000 元/人。', keywords: ['见习补贴', '见习基地', '毕业生'], from: -365, howToApply: '申请认定见习基地后按月报送见习人员名单。', ago: 100 }),
  P({ unit: 'rsj', contact: 'lead', title: '高层次人才引进安家补贴', issuer: `${DISTRICT}委人才工作领导小组`, level: 'district', category: 'talent', summary: '高新技术企业、专精特新企业全职引进博士或高级职称人才的，给予每人 10 万—30 万元安家补贴，分三年发放。', keywords: ['人才引进', '安家补贴', '博士'], conditions: { tags: ['highTech', 'specialized'] }, from: -90, to: 365, howToApply: '人才到岗 6 个月后由企业申报，提交劳动合同、学历职称证书和社保记录。', ago: 85 }),
  P({ unit: 'zjw', contact: 'officer', title: '企业人才公寓租住保障', issuer: `${DISTRICT}住房和城乡建设委员会`, level: 'district', category: 'talent', summary: '100 人以上企业的引进人才可申请入住人才公寓，前三年租金减免 70%，可拎包入住。', keywords: ['人才公寓', '人才房', '租房'], conditions: { headcountBands: ['h100to299', 'h300to999', 'gte1000'] }, from: -400, howToApply: '企业统一向住建委报送入住名单，每季度集中配租一次。', ago: 40 }),
  P({ unit: 'jxw', contact: 'lead', title: '专精特新“小巨人”企业奖励', issuer: `${DISTRICT}经济和信息化委员会`, level: 'district', category: 'technology', summary: '新认定国家级专精特新“小巨人”企业一次性奖励 50 万元，市级专精特新企业奖励 20 万元。', keywords: ['小巨人', '专精特新', '认定奖励'], conditions: { tags: ['specialized'] }, from: -30, to: 120, howToApply: '取得认定文件后 3 个月内向经信委申报，附认定文件和财务报表。', ago: 28 }),
  P({ unit: 'jxw', contact: 'officer', title: '市级专精特新中小企业培育', issuer: `${CITY}经济和信息化委员会`, level: 'city', category: 'technology', summary: '对成长型、骨干企业开展专精特新培育辅导，入库企业优先推荐认定，并给予 5 万元管理咨询服务券。', keywords: ['专精特新培育', '服务券', '梯度培育'], conditions: { tiers: ['growth', 'backbone'] }, from: -45, to: 90, howToApply: '在“渝企通”平台填报培育库申请，经信委初审推荐。', ago: 44 }),
  P({ unit: 'jxw', contact: 'officer', title: '高新技术企业认定奖励', issuer: `${DISTRICT}科技局、${DISTRICT}经济和信息化委员会`, level: 'district', category: 'technology', summary: '首次通过高新技术企业认定的奖励 30 万元，重新认定的奖励 10 万元；科技型中小企业入库奖励 2 万元。', keywords: ['高企认定', '高新技术企业', '科技型中小企业'], conditions: { tags: ['techSme', 'highTech'] }, from: -100, to: 200, howToApply: '认定公示后向区科技局提交证书复印件，奖励次年一季度兑现。', ago: 95 }),
  P({ unit: 'jxw', contact: 'officer', title: '科技型中小企业研发投入后补助', issuer: `${DISTRICT}科技局`, level: 'district', category: 'technology', summary: '科技型中小企业上年度研发投入 100 万元以上的，按新增研发投入的 10% 给予后补助，最高 50 万元。', keywords: ['研发补助', '研发投入', '后补助'], conditions: { tags: ['techSme'] }, from: -200, to: -10, howToApply: '年度申报已截止，请关注下一年度通知。', ago: 160 }),
  P({ unit: 'swj', contact: 'officer', title: '研发费用加计扣除政策辅导', issuer: '国家税务总局', level: 'national', category: 'tax', summary: '企业开展研发活动实际发生的研发费用，在据实扣除的基础上再按 100% 在税前加计扣除；税务局提供“一对一”辅导。', keywords: ['加计扣除', '研发费用', '所得税'], from: -700, howToApply: '预缴申报时即可享受；需辅导的在小程序预约税务专员上门。', ago: 88 }),
  P({ unit: 'swj', contact: 'lead', title: '小微企业“六税两费”减半征收', issuer: '财政部、国家税务总局', level: 'national', category: 'tax', summary: '小型微利企业和个体工商户的资源税、城市维护建设税、房产税、城镇土地使用税、印花税、耕地占用税和教育费附加、地方教育附加减半征收。', keywords: ['六税两费', '减半征收', '小型微利'], conditions: { revenueBands: ['lt500', 'r500to2000'] }, from: -300, to: 400, howToApply: '申报时系统自动判断并减免，无需另行申请。', ago: 92 }),
  P({ unit: 'swj', contact: 'officer', title: '增值税期末留抵退税', issuer: '财政部、国家税务总局', level: 'national', category: 'tax', summary: '符合条件的制造业等行业企业，可按月向主管税务机关申请退还增量留抵税额和存量留抵税额。', keywords: ['留抵退税', '增值税', '退税'], conditions: { tags: ['aboveScale'] }, from: -500, to: 60, howToApply: '在电子税务局提交退（抵）税申请表，一般 5 个工作日内到账。', ago: 66 }),
  P({ unit: 'jxw', contact: 'officer', title: '首台（套）重大技术装备保险补偿', issuer: '省经济和信息化厅', level: 'province', category: 'technology', summary: '装备制造企业生产的首台（套）重大技术装备投保综合险的，按保费的 80% 给予补偿，单台最高 500 万元。', keywords: ['首台套', '保险补偿', '重大技术装备'], conditions: { industries: ['equipment'] }, from: -150, to: 240, howToApply: '每年 6 月、11 月集中申报，经信委组织专家评审。', ago: 99 }),
  P({ unit: 'jxw', contact: 'officer', title: '新材料首批次应用保险补偿', issuer: '省经济和信息化厅', level: 'province', category: 'technology', summary: '新材料企业首批次产品投保质量和责任保险的，按保费的 80% 给予补偿。', keywords: ['首批次', '新材料', '保险补偿'], conditions: { industries: ['materials'] }, from: -150, to: 240, howToApply: '与首台套同期申报，提交保单、销售合同和产品检测报告。', ago: 99 }),
  P({ unit: 'jxw', contact: 'lead', title: '规上工业企业技术改造专项补助', issuer: `${DISTRICT}经济和信息化委员会`, level: 'district', category: 'technology', summary: '规上工业企业技术改造项目设备投资 500 万元以上的，按设备投资额的 8% 给予补助，最高 300 万元。', keywords: ['技改', '技术改造', '设备补助'], conditions: { tags: ['aboveScale'], industries: ['equipment', 'materials', 'chemicals', 'electronics'] }, from: -60, to: 28, howToApply: '项目竣工后提交备案证、设备发票和验收报告，本年度申报即将截止。', ago: 58 }),
  P({ unit: 'jxw', contact: 'officer', title: '智能工厂和数字化车间认定奖励', issuer: `${CITY}经济和信息化委员会`, level: 'city', category: 'technology', summary: '新认定市级智能工厂奖励 100 万元、数字化车间奖励 50 万元。', keywords: ['智能工厂', '数字化车间', '智能化改造'], conditions: { tiers: ['leading', 'backbone'] }, from: -20, to: 300, howToApply: '按市经信委年度通知申报，区经信委组织初审推荐。', ago: 18 }),
  P({ unit: 'jxw', contact: 'officer', title: '工业企业“小升规”奖励', issuer: `${DISTRICT}经济和信息化委员会`, level: 'district', category: 'other', summary: '年营业收入首次突破 2000 万元纳入规模以上工业统计的企业，一次性奖励 10 万元。', keywords: ['小升规', '上规入统', '规上'], conditions: { tiers: ['growth'], revenueBands: ['r500to2000'] }, from: -90, to: 100, howToApply: '纳入统计联网直报后，由统计部门推送名单，企业确认即可。', ago: 85 }),
  P({ unit: 'fgw', contact: 'officer', title: '外贸出口信用保险保费补贴', issuer: `${CITY}商务委员会`, level: 'city', category: 'market', summary: '外贸企业投保短期出口信用保险的，按实缴保费的 50% 给予补贴，单户每年最高 50 万元。', keywords: ['出口信保', '信用保险', '外贸'], conditions: { tags: ['foreignTrade'] }, from: -120, to: 180, howToApply: '每季度向发改委（商务）窗口提交保单和缴费凭证。', ago: 77 }),
  P({ unit: 'fgw', contact: 'lead', title: '境外展会展位费补贴', issuer: `${CITY}商务委员会`, level: 'city', category: 'market', summary: '外贸企业参加境外重点展会的，按展位费的 70% 给予补贴，每个展会最高 5 万元。', keywords: ['境外展会', '展位费', '参展补贴'], conditions: { tags: ['foreignTrade'] }, from: -200, to: 15, howToApply: '展会结束 2 个月内提交参展合同、付款凭证和现场照片，本年度即将截止。', ago: 150 }),
  P({ unit: 'fgw', contact: 'officer', title: '国内重点展会参展补贴', issuer: `${DISTRICT}发展和改革委员会`, level: 'district', category: 'market', summary: '企业参加国内重点展会（广交会、进博会、西洽会等）的，展位费补贴 50%，每户每年最高 10 万元。', keywords: ['广交会', '进博会', '参展补贴'], from: -100, to: 200, howToApply: '展会结束后 60 日内在小程序提交申请。', ago: 60 }),
  P({ unit: 'ghzy', contact: 'officer', title: '工业用地“标准地”出让', issuer: `${DISTRICT}规划和自然资源局`, level: 'district', category: 'land', summary: '新增工业用地按“标准地”出让，亩均投资、税收等指标事先明确，拿地即开工，审批时限压缩至 30 个工作日。', keywords: ['标准地', '拿地即开工', '用地保障'], conditions: { tiers: ['leading', 'backbone'] }, from: -500, howToApply: '向规划资源局提交用地需求，纳入年度供地计划。', ago: 120 }),
  P({ unit: 'ghzy', contact: 'lead', title: '工业用地弹性年期出让', issuer: `${DISTRICT}规划和自然资源局`, level: 'district', category: 'land', summary: '工业用地可按 20 年弹性年期出让或先租后让，降低企业一次性拿地成本。', keywords: ['弹性年期', '先租后让', '拿地成本'], from: -300, to: 365, howToApply: '在用地预审时提出弹性年期申请。', ago: 110 }),
  P({ unit: 'nsz', contact: 'officer', title: '南山镇标准厂房租金补贴', issuer: '南山镇人民政府', level: 'district', category: 'land', summary: '入驻南山镇标准厂房的企业，前两年租金补贴 30%，第三年补贴 15%。', keywords: ['标准厂房', '租金补贴', '厂房'], conditions: { townUnitIds: ['nsz'] }, from: -60, to: 120, howToApply: '签订租赁合同后向南山镇企业服务中心申请。', ago: 55 }),
  P({ unit: 'dgjd', contact: 'officer', title: '东港街道小微企业开办补贴', issuer: '东港街道办事处', level: 'district', category: 'market', summary: '在东港街道新注册的初创企业，给予一次性开办补贴 1 万元，并提供一年免费代理记账。', keywords: ['开办补贴', '代理记账', '新办企业'], conditions: { townUnitIds: ['dgjd'], tags: ['startup'] }, from: -30, to: 90, howToApply: '营业执照下发后 6 个月内向街道企业服务站申请。', ago: 25 }),
  P({ unit: 'xcjd', contact: 'officer', title: '西城街道楼宇经济入驻补贴', issuer: '西城街道办事处', level: 'district', category: 'land', summary: '入驻西城街道重点楼宇的企业，按实际租用面积每平方米每月补贴 10 元，期限一年。', keywords: ['楼宇经济', '入驻补贴', '写字楼'], conditions: { townUnitIds: ['xcjd'] }, from: -300, to: -5, howToApply: '本期已结束，请关注街道下一期通知。', ago: 200 }),
  P({ unit: 'scjg', contact: 'officer', title: '食品生产许可“一件事”集成办理', issuer: `${DISTRICT}市场监督管理局`, level: 'district', category: 'other', summary: '食品生产企业的生产许可、标签备案、检验检测“一件事”集成办理，现场核查与发证同日完成。', keywords: ['食品生产许可', 'SC 认证', '一件事'], conditions: { industries: ['food'] }, from: -365, howToApply: '在小程序预约现场核查，材料齐全当日出证。', ago: 130 }),
  P({ unit: 'scjg', contact: 'lead', title: '知识产权质押融资贴息', issuer: `${DISTRICT}市场监督管理局（知识产权局）`, level: 'district', category: 'finance', summary: '以专利、商标质押获得贷款的科技企业，按贷款利息的 40% 给予贴息，另补助评估费 50%。', keywords: ['知识产权质押', '专利质押', '贴息'], conditions: { tags: ['highTech', 'specialized', 'techSme'] }, from: -100, to: 150, howToApply: '贷款发放后提交质押登记通知书、借款合同和付息凭证。', ago: 70 }),
  P({ unit: 'scjg', contact: 'officer', title: '商标品牌培育奖励', issuer: `${DISTRICT}市场监督管理局`, level: 'district', category: 'market', summary: '新获驰名商标认定的奖励 50 万元，新注册马德里国际商标的每件奖励 1 万元。', keywords: ['商标', '驰名商标', '品牌'], from: -200, to: 250, howToApply: '取得证书后向市场监管局提交申请。', ago: 90 }),
  P({ unit: 'fgw', contact: 'officer', title: '绿色工厂认定奖励', issuer: `${DISTRICT}发展和改革委员会`, level: 'district', category: 'technology', summary: '化工医药、新材料企业新认定国家级绿色工厂的奖励 50 万元，市级 20 万元。', keywords: ['绿色工厂', '节能降碳', '绿色制造'], conditions: { industries: ['chemicals', 'materials'] }, from: -60, to: 180, howToApply: '认定后向发改委提交认定文件。', ago: 45 }),
  P({ unit: 'fgw', contact: 'lead', title: '重点企业用电增容绿色通道', issuer: `${DISTRICT}发展和改革委员会、国网清溪供电公司`, level: 'district', category: 'other', summary: '重点企业用电增容实行“一口受理、联合踏勘、限时办结”，10 千伏增容 15 个工作日内送电。', keywords: ['用电增容', '电力保障', '绿色通道'], conditions: { keyOnly: true }, from: -365, howToApply: '通过小程序提交增容需求，发改委牵头协调供电公司。', ago: 140 }),
  P({ unit: 'fgw', contact: 'officer', title: '物流企业货车通行便利', issuer: `${DISTRICT}发展和改革委员会、${DISTRICT}公安分局`, level: 'district', category: 'other', summary: '现代物流企业的城市配送货车办理通行证实行网上办理、当日发证，新能源货车不限行。', keywords: ['货车通行证', '城市配送', '通行便利'], conditions: { industries: ['logistics'] }, from: -100, to: 90, howToApply: '在交管 12123 提交申请，物流企业名单由发改委推送。', ago: 65 }),
  P({ unit: 'zjw', contact: 'lead', title: '建材企业资质升级奖励', issuer: `${DISTRICT}住房和城乡建设委员会`, level: 'district', category: 'market', summary: '新材料（建材）企业资质首次升级的，一级奖励 30 万元、二级奖励 10 万元。', keywords: ['资质升级', '建材', '资质'], conditions: { industries: ['materials'] }, from: -50, to: 200, howToApply: '取得新资质证书后 3 个月内向住建委申报。', ago: 35 }),
  P({ unit: 'rsj', contact: 'lead', title: '困难企业社会保险费缓缴', issuer: `${CITY}人力资源和社会保障局`, level: 'city', category: 'employment', summary: '生产经营出现暂时困难的企业，可申请缓缴养老、失业、工伤保险单位缴费部分，缓缴期间免收滞纳金。', keywords: ['社保缓缴', '缓缴', '困难企业'], conditions: { tiers: ['struggling'] }, from: -90, to: 60, howToApply: '向社保经办机构提交缓缴申请和经营困难说明。', ago: 30 }),
  P({ unit: 'rsj', contact: 'officer', title: '2027 年稳岗返还（征求意见稿）', issuer: `${CITY}人力资源和社会保障局`, level: 'city', category: 'employment', summary: '拟延续实施失业保险稳岗返还政策，返还比例和条件正在征求意见。', keywords: ['稳岗返还'], from: 35, howToApply: '正式文件印发后公布。', state: 'draft', ago: 0 }),
  P({ unit: 'jxw', contact: 'officer', title: '数字经济企业专项扶持（草案）', issuer: `${DISTRICT}经济和信息化委员会`, level: 'district', category: 'technology', summary: '拟对软件和信息服务、工业互联网平台企业给予房租、人才和上云补贴。', keywords: ['数字经济', '上云', '工业互联网'], conditions: { industries: ['electronics'] }, from: 10, to: 400, howToApply: '草案，尚未实施。', state: 'draft', ago: 0 }),
  P({ unit: 'rsj', contact: 'officer', title: '2025 年一次性留工培训补助', issuer: `${CITY}人力资源和社会保障局`, level: 'city', category: 'employment', summary: '对受疫情影响较大的行业企业按参保人数每人 500 元发放一次性留工培训补助。', keywords: ['留工培训', '一次性补助'], from: -400, to: 30, howToApply: '已整合至 2026 年稳岗返还。', state: 'retired', ago: 300 }),
];

/** The demo's consultations (首问负责制): an owner asks about a policy; the first is answered by its contact. */
const CONSULTATIONS: ReadonlyArray<{ owner: string; policy: number; title: string; description: string; reply?: string }> = [
  { owner: 'owner-05', policy: 4, title: '稳岗返还没有收到', description: '我们去年没有裁员，社保也按时缴了，但今年还没收到稳岗返还，想问问是什么原因。', reply: '您好，已查询：贵公司去年 3 月有一笔欠缴记录，补缴后将于下一批次拨付，预计本月底到账。' },
  { owner: 'owner-11', policy: 10, title: '小巨人奖励需要哪些材料', description: '我们刚拿到国家级专精特新小巨人的认定文件，想了解奖励的申报材料和时间。' },
];

/** Owners who found their answer in a suggested policy (the policy's place in DEMO_POLICIES, days before the start). */
const ANSWERED: ReadonlyArray<[string, number, number]> = [
  ['owner-02', 14, 12],
  ['owner-06', 4, 9],
  ['owner-09', 14, 7],
  ['owner-12', 0, 6],
  ['owner-15', 15, 5],
  ['owner-18', 4, 4],
  ['owner-21', 24, 3],
  ['owner-24', 14, 1],
  ['owner-27', 4, 0],
  ['owner-30', 0, 0],
];

export const demoPolicyId = (i: number) => `pol-demo-${String(i + 1).padStart(2, '0')}`;

const DAY_MS = 24 * 3600_000;

/** The demo policy at its index, dated from `now` (the first start). */
export function demoPolicy(data: TenantData, i: number, now: Date): Policy {
  const d = DEMO_POLICIES[i];
  if (!d) throw new Error(`no demo policy ${i}`);
  const day = (n: number) => localDate(now.getTime() + n * DAY_MS);
  const unit = data.units.find((u) => u.id === d.unit);
  const person: User | undefined = data.users.find((u) => u.id === `${d.contact}-${d.unit}`);
  if (!unit || !person) throw new Error(`demo policy ${i}: no unit ${d.unit} or contact`);
  const at = new Date(now.getTime() - (d.ago + 1) * DAY_MS).toISOString();
  const published = new Date(now.getTime() - d.ago * DAY_MS).toISOString();
  const base: Policy = {
    id: demoPolicyId(i),
    tenantId: data.tenant.id,
    title: d.title,
    issuer: d.issuer,
    level: d.level,
    category: d.category,
    summary: d.summary,
    ...(d.keywords ? { keywords: d.keywords } : {}),
    conditions: d.conditions ?? {},
    validFrom: day(d.from),
    ...(d.to !== undefined ? { validTo: day(d.to) } : {}),
    howToApply: d.howToApply,
    unitId: unit.id,
    unitName: unit.name,
    contact: { name: person.name, phone: person.phone ?? '023-68880000', userId: person.id },
    status: 'draft',
    createdBy: { userId: person.id, name: person.name },
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
  if (d.state === 'draft') return base;
  if (d.state === 'retired') {
    const retiredAt = new Date(now.getTime() - 20 * DAY_MS).toISOString();
    return { ...base, status: 'retired', publishedAt: published, retiredAt, retiredReason: '政策已整合到 2026 年稳岗返还', updatedAt: retiredAt, rev: 3 };
  }
  return { ...base, status: 'published', publishedAt: published, updatedAt: published, rev: 2 };
}

/**
 * Loads the demo's policies once: the profiles of enterprises seeded before
 * profiles existed, the policies (created if absent, a published one owing its
 * push), their pushes, the consultations (by a fixed Idempotency-Key: the same
 * ticket again) and the answered marks (once per owner and policy).
 */
export async function seedDemoPolicies(ports: Ports, marker: DemoPolicyMarker, data: TenantData, now: Date): Promise<'seeded' | 'present'> {
  if (await marker.present()) return 'present';
  const tenantId = data.tenant.id;
  // a data folder seeded before profiles: its demo enterprises get theirs (an enterprise someone gave one keeps it)
  await Promise.all(
    data.enterprises.map(async (e, i) => {
      const current = await ports.refs.enterprise(tenantId, e.id);
      if (current && current.tags === undefined) await ports.refs.put('ENT', { ...current, ...demoProfile(i, current.tier, current.industry) } satisfies Enterprise);
    }),
  );
  const policies = DEMO_POLICIES.map((_, i) => demoPolicy(data, i, now));
  for (const p of policies) await ports.policies.create(p, p.status === 'published' ? pushMessage(p, p.publishedAt ?? p.updatedAt) : undefined);
  for (const p of policies) if (p.status === 'published') await pushPolicy(ports, tenantId, p.id);
  for (const [n, c] of CONSULTATIONS.entries()) {
    const policy = policies[c.policy];
    if (!policy) continue;
    const owner = await principalOf(ports, { sub: c.owner, ten: tenantId });
    const { ticket } = await intake(ports, owner, { title: c.title, description: c.description, category: 'policy', priority: 'normal', policyId: policy.id }, `demo-policy-consultation-${n + 1}`);
    if (c.reply && ticket.version === 1) await issueCommand(ports, await principalOf(ports, { sub: policy.contact.userId ?? '', ten: tenantId }), ticket.id, { type: 'message', text: c.reply });
  }
  for (const [owner, i, daysAgo] of ANSWERED) {
    const user = data.users.find((u) => u.id === owner);
    const at = new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
    await ports.policies.answered({ tenantId, policyId: demoPolicyId(i), userId: owner, ...(user?.enterpriseId ? { enterpriseId: user.enterpriseId } : {}), at, month: localDate(at).slice(0, 7) });
  }
  await marker.set();
  return 'seeded';
}
