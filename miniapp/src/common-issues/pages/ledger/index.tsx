import { View } from '@tarojs/components';
import { COMMON_ISSUE_STATUS_LABELS, COMMON_ISSUE_STATUSES, type CommonIssueStatus } from '@whistle/shared';
import { useState } from 'react';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty, Section, Tabs } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser } from '../../../lib/session';
import { IssueCard } from '../../components/IssueCard';
import { LedgerTable } from '../../components/LedgerTable';
import { isSupervisor, readsCommonIssues } from '../../lib/access';
import { commonIssuesApi } from '../../lib/api';
import '../../common-issues.scss';

type Filter = CommonIssueStatus | 'all';

/** 共性问题台账: by category (found, in progress, solved, the enterprises behind them), and the common issues by status; each opens its page. */
function Ledger() {
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('all');
  // one read: the counts by category are the whole ledger's, the list is filtered here
  const loaded = useLoader(() => commonIssuesApi.ledger(), '加载共性问题台账');
  return (
    <View className="page ci-page">
      {isSupervisor(currentUser()) ? (
        <Btn kind="plain" block className="ci-suggestions-link" onClick={() => go('commonSuggestions')}>
          可能的共性问题（待确认）
        </Btn>
      ) : null}
      <LoadState loaded={loaded} what="加载共性问题台账">
        {(d) => {
          const count = (s: CommonIssueStatus) => d.items.filter((i) => i.status === s).length;
          const tabs = [{ value: 'all' as Filter, label: `全部 ${d.items.length}` }, ...COMMON_ISSUE_STATUSES.map((s) => ({ value: s as Filter, label: `${COMMON_ISSUE_STATUS_LABELS[s]} ${count(s)}` }))];
          const items = d.items.filter((i) => filter === 'all' || i.status === filter);
          return (
            <View>
              <Section title="按类别">{d.byCategory.length ? <LedgerTable rows={d.byCategory} /> : <Empty text="暂无共性问题" />}</Section>
              <Tabs tabs={tabs} value={filter} onChange={setFilter} />
              {items.length ? (
                items.map((ci) => <IssueCard key={ci.id} issue={ci} now={now} onTap={() => go('commonIssue', { id: ci.id })} />)
              ) : (
                <Empty text={filter === 'all' ? '暂无共性问题' : `暂无${COMMON_ISSUE_STATUS_LABELS[filter]}的共性问题`} />
              )}
            </View>
          );
        }}
      </LoadState>
    </View>
  );
}

export default function LedgerPage() {
  if (!readsCommonIssues(currentUser())) return <Empty text="无权查看共性问题台账" hint="台账供督办人员、县领导、管理员和各单位查看" />;
  return <Ledger />;
}
