import { View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { dirApi } from '../../../api/directory';
import { LoadState } from '../../../components/LoadState';
import { Tabs } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { AdminPage } from '../../../console/AdminPage';
import { CalendarForm } from '../../components/settings/CalendarForm';
import { ClockPolicyForm } from '../../components/settings/ClockPolicyForm';
import { DutyRosterForm } from '../../components/settings/DutyRosterForm';
import { RateLimitsForm } from '../../components/settings/RateLimitsForm';
import { OfficeHoursCard } from '../../components/settings/OfficeHoursCard';
import { TemplatesForm } from '../../components/settings/TemplatesForm';

type Tab = 'calendar' | 'clocks' | 'roster' | 'limits' | 'templates';
const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'calendar', label: '办公时间与日历' },
  { value: 'clocks', label: '时限规则' },
  { value: 'roster', label: '值班表' },
  { value: 'limits', label: '频率限制' },
  { value: 'templates', label: '订阅消息' },
];

const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

function OfficeHours() {
  const h = useLoader(() => dirApi.officeHours(), '加载办公时间', { reloadOnShow: false });
  return <LoadState loaded={h} what="加载办公时间">{(d) => <OfficeHoursCard key={d.rev} hours={d} onSaved={(x) => h.setData(() => x)} />}</LoadState>;
}

function CalendarTab() {
  const [year, setYear] = useState(thisYear());
  const cal = useLoader(() => adminApi.calendar(year), '加载工作日历', { deps: [year], reloadOnShow: false });
  const years = [thisYear() - 1, thisYear(), thisYear() + 1];
  return (
    <View>
      <OfficeHours />
      <Tabs<string> tabs={years.map((y) => ({ value: String(y), label: `${y} 年` }))} value={String(year)} onChange={(y) => setYear(Number(y))} />
      <LoadState loaded={cal} what="加载工作日历" fresh={(d) => d.year === year}>
        {(d) => (
          <View>
            <CalendarForm key={`${d.year}-${d.holidays.length}-${d.source ?? ''}`} year={d} onSaved={(y) => cal.setData(() => y)} />
          </View>
        )}
      </LoadState>
    </View>
  );
}

function ClocksTab() {
  const p = useLoader(() => adminApi.clockPolicy(), '加载时限规则', { reloadOnShow: false });
  return <LoadState loaded={p} what="加载时限规则">{(d) => <ClockPolicyForm policy={d.policy} isDefault={d.isDefault} onSaved={(policy) => p.setData(() => ({ policy, isDefault: false }))} />}</LoadState>;
}

function RosterTab() {
  const r = useLoader(() => adminApi.dutyRoster(), '加载值班表', { reloadOnShow: false });
  return <LoadState loaded={r} what="加载值班表">{(d) => <DutyRosterForm roster={d} onSaved={(x) => r.setData(() => x)} />}</LoadState>;
}

function LimitsTab() {
  const r = useLoader(() => adminApi.rateLimits(), '加载频率限制', { reloadOnShow: false });
  return (
    <LoadState loaded={r} what="加载频率限制">
      {(d) => <RateLimitsForm limits={d.limits} isDefault={d.isDefault} login={d.login} onSaved={(limits) => r.setData((x) => (x ? { ...x, limits, isDefault: false } : x))} />}
    </LoadState>
  );
}

function TemplatesTab() {
  const t = useLoader(() => adminApi.wechatTemplates(), '加载订阅消息模板', { reloadOnShow: false });
  return (
    <LoadState loaded={t} what="加载订阅消息模板">
      {(d) => <TemplatesForm templates={d.templates} defaults={d.defaults} onSaved={(templates) => t.setData((x) => (x ? { ...x, templates } : x))} />}
    </LoadState>
  );
}

/** 设置: office hours and the working calendar, the clock policy, the duty roster, the rate limits, the subscribe-message templates. */
export default function Settings() {
  const [tab, setTab] = useState<Tab>('calendar');
  return (
    <AdminPage current="adminSettings" title="设置">
      <View className="admin-settings">
        <Tabs<Tab> tabs={TABS} value={tab} onChange={setTab} />
        {tab === 'calendar' ? <CalendarTab /> : tab === 'clocks' ? <ClocksTab /> : tab === 'roster' ? <RosterTab /> : tab === 'limits' ? <LimitsTab /> : <TemplatesTab />}
      </View>
    </AdminPage>
  );
}
