import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { POLICY_LABELS, type PolicyStatus } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { Btn, Empty, Section, Tabs } from '../../../components/ui';
import { useNow } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser, hasRole } from '../../../lib/session';
import { PolicyList } from '../../components/PolicyList';
import { PolicyStatsCard } from '../../components/PolicyStatsCard';
import { POLICY_CHANGED } from '../../lib/events';
import { usePolicyPages } from '../../lib/paging';
import '../../policy.scss';

const STATUSES: readonly PolicyStatus[] = ['published', 'draft', 'retired'];

/** A unit's policies (its drafts, published and retired ones), or every unit's with the figures for the supervisor. */
function Policies(props: { unitId: string | undefined; supervisor: boolean }) {
  const now = useNow(60_000);
  const [status, setStatus] = useState<PolicyStatus>('published');
  const pages = usePolicyPages({ status, ...(props.unitId ? { unitId: props.unitId } : {}) });
  const reload = pages.first.reload;
  useEffect(() => {
    const again = () => void reload();
    Taro.eventCenter.on(POLICY_CHANGED, again);
    return () => {
      Taro.eventCenter.off(POLICY_CHANGED, again);
    };
  }, [reload]);
  useEffect(() => {
    if (props.supervisor) void Taro.setNavigationBarTitle({ title: '政策超市管理' });
  }, [props.supervisor]);
  return (
    <View className="page policy-unit">
      {props.supervisor ? (
        <Section title="政策解答情况">
          <PolicyStatsCard />
        </Section>
      ) : null}
      <View className="policy-unit__bar">
        <Text className="muted">{props.supervisor ? '全区各单位的政策' : '本单位负责的政策：起草、发布、下架'}</Text>
        <Btn size="small" kind="primary" className="policy-new" onClick={() => go('policyEdit')}>
          新建政策
        </Btn>
      </View>
      <View className="policy-unit__links">
        <Text className="link" onClick={() => go('policyCatalog')}>
          浏览政策超市 ›
        </Text>
        {props.supervisor ? null : (
          <Text className="link" onClick={() => go('policyMine')}>
            查看所服务企业的政策 ›
          </Text>
        )}
      </View>
      <Tabs tabs={STATUSES.map((s) => ({ value: s, label: POLICY_LABELS.status[s] }))} value={status} onChange={setStatus} />
      <PolicyList
        pages={pages}
        now={now}
        showStatus
        empty={<Empty text={`暂无${POLICY_LABELS.status[status]}的政策`} hint={status === 'draft' ? '点“新建政策”起草，发布后推送给符合条件的企业' : undefined} />}
      />
    </View>
  );
}

/** 本单位政策 (officers and unit leads) / 政策超市管理 (the supervisor). */
export default function UnitPolicies() {
  const user = currentUser();
  const supervisor = hasRole(user, 'supervisor');
  if (!supervisor && !(hasRole(user, 'officer', 'unitLead') && user?.unitId)) {
    return <Empty text="只有单位工作人员和督办人员可以管理政策" hint="企业可在“政策超市”和“我的政策”中查看政策" />;
  }
  return <Policies unitId={supervisor ? undefined : user?.unitId} supervisor={supervisor} />;
}
