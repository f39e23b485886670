import { Text, View } from '@tarojs/components';
import type { DirectoryType } from '@whistle/shared';
import { dirApi } from '../../../api/directory';
import { useLoader } from '../../../lib/hooks';
import { replaceWith, type PageName } from '../../../lib/nav';
import { AdminPage } from '../../../console/AdminPage';
import { ADMIN_SECTIONS } from '../../../console/sections';

interface Count {
  page: PageName;
  label: string;
  n?: number;
}

const COUNTED: ReadonlyArray<{ type: DirectoryType; page: PageName; label: string }> = [
  { type: 'UNIT', page: 'adminUnits', label: '单位' },
  { type: 'GROUP', page: 'adminGroups', label: '服务群' },
  { type: 'GRID', page: 'adminGrids', label: '网格' },
  { type: 'ENT', page: 'adminEnterprises', label: '企业' },
  { type: 'USER', page: 'adminUsers', label: '用户' },
];

/** What the dashboard counts: the directory's records (each list's total). */
const loadCounts = (): Promise<Count[]> =>
  Promise.all(COUNTED.map(async (c) => ({ page: c.page, label: c.label, n: (await dirApi.list(c.type, { limit: 1 })).total })));

/** 管理后台 · 概览: the directory's counts, and every section of the console. */
export default function AdminHome() {
  const counts = useLoader(loadCounts, '加载概览');
  return (
    <AdminPage current="adminHome" title="概览">
      <View className="ccounts admin-counts">
        {(counts.data ?? []).map((c) => (
          <View key={c.page} className="ccount" data-page={c.page} onClick={() => replaceWith(c.page)}>
            <Text className="ccount__n">{c.n ?? '—'}</Text>
            <Text className="ccount__label">{c.label}</Text>
          </View>
        ))}
      </View>
      <View className="ccard">
        <Text className="ccard__title">常用功能</Text>
        <View className="ccounts">
          {ADMIN_SECTIONS.filter((s) => s.page !== 'adminHome').map((s) => (
            <View key={s.page} className="ccount admin-link" data-page={s.page} onClick={() => replaceWith(s.page)}>
              <Text className="ccount__label">{s.icon}</Text>
              <Text className="ccount__n admin-link__label">{s.label}</Text>
            </View>
          ))}
        </View>
      </View>
    </AdminPage>
  );
}
