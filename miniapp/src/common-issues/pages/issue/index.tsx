import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { CommonIssue } from '@whistle/shared';
import { useState } from 'react';
import { api, isApiError } from '../../../api';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty, Section } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { currentUser } from '../../../lib/session';
import { toastError, toastOk } from '../../../lib/toast';
import { AddTickets } from '../../components/AddTickets';
import { IssueHead } from '../../components/IssueHead';
import { IssueSteps } from '../../components/IssueSteps';
import { LinkedTickets } from '../../components/LinkedTickets';
import { ProgressNotes } from '../../components/ProgressNotes';
import { RetroEntry } from '../../components/RetroEntry';
import { Solution, SolveForm } from '../../components/SolveForm';
import { mayFinishStep, mayLead, mayManage, readsCommonIssues, readsRetros } from '../../lib/access';
import { commonIssuesApi } from '../../lib/api';
import '../../common-issues.scss';

type Change = (ci: CommonIssue) => Promise<{ commonIssue: CommonIssue }>;

/** One common issue: its head and clock, the linked tickets, the steps, the progress, its solution or the solve form, and its 典型问题复盘. */
function Issue(props: { id: string }) {
  const me = currentUser();
  const now = useNow();
  const loaded = useLoader(() => commonIssuesApi.get(props.id), '加载共性问题', { deps: [props.id] });
  // the units a new step may be given to: loaded once the caller may add steps
  const leads = !!loaded.data && mayLead(me, loaded.data.commonIssue);
  const units = useLoader(() => (leads ? api.units() : Promise.resolve({ items: [] })), '加载单位', { reloadOnShow: false, deps: [leads] });
  const [addingTickets, setAddingTickets] = useState(false);
  /** a change answers the issue after it (rev + 1); a stale rev (409) reloads it; a failure is thrown for the form to show */
  const change = async (f: Change, done?: string) => {
    const ci = loaded.data?.commonIssue;
    if (!ci) return;
    try {
      const r = await f(ci);
      loaded.setData(() => r);
      if (done) toastOk(done);
    } catch (e) {
      if (isApiError(e) && e.status === 409) void loaded.reload();
      throw e;
    }
  };
  /** a change without a form of its own: its failure is a toast */
  const act = (f: Change, doing: string, done: string) => change(f, done).catch((e: unknown) => (toastError(e, doing), Promise.reject(e)));
  return (
    <View className="page ci-page">
      <LoadState loaded={loaded} what="加载共性问题" fresh={(d) => d.commonIssue.id === props.id}>
        {({ commonIssue: ci }) => {
          const manage = mayManage(me, ci);
          const lead = mayLead(me, ci);
          const done = ci.plan.items.filter((i) => i.status === 'done').length;
          return (
            <View>
              <IssueHead issue={ci} now={now} />
              <Section
                title="关联诉求"
                extra={manage && !addingTickets ? <Btn size="small" kind="plain" className="ci-add-tickets-open" onClick={() => setAddingTickets(true)}>添加诉求</Btn> : undefined}
              >
                {addingTickets ? (
                  <AddTickets linked={ci.tickets.map((t) => t.ticketId)} onClose={() => setAddingTickets(false)} add={(add) => change((c) => commonIssuesApi.tickets(c.id, { rev: c.rev, add, remove: [] }), `已关联 ${add.length} 件诉求`)} />
                ) : null}
                <LinkedTickets
                  tickets={ci.tickets}
                  canOpen
                  {...(manage && ci.tickets.length > 1 ? { remove: (id: string) => act((c) => commonIssuesApi.tickets(c.id, { rev: c.rev, add: [], remove: [id] }), '移出诉求', '已移出') } : {})}
                />
              </Section>
              <Section title="措施" extra={<Text className="muted">{`${done}/${ci.plan.items.length} 项完成`}</Text>}>
                <IssueSteps
                  issue={ci}
                  now={now}
                  mayFinish={(i) => mayFinishStep(me, ci, i)}
                  finish={(itemId, note) => act((c) => commonIssuesApi.stepDone(c.id, itemId, note ? { note } : {}), '完成措施', '已完成')}
                  {...(lead ? { adding: { units: units.data?.items ?? [], add: (steps) => change((c) => commonIssuesApi.addSteps(c.id, { rev: c.rev, steps }), '已添加措施') } } : {})}
                />
              </Section>
              <Section title="推进情况">
                <ProgressNotes notes={ci.progress} {...(lead ? { add: (text: string) => change((c) => commonIssuesApi.progress(c.id, { rev: c.rev, text }), '已提交进展') } : {})} />
              </Section>
              {ci.solution ? (
                <Section title="解决情况">
                  <Solution solution={ci.solution} />
                </Section>
              ) : lead ? (
                <Section title="标记为已解决">
                  <SolveForm enterprises={new Set(ci.tickets.map((t) => t.enterpriseId)).size} pendingSteps={ci.plan.items.filter((i) => i.status === 'open').length} solve={(summary) => change((c) => commonIssuesApi.solve(c.id, { rev: c.rev, summary }), '已标记为已解决')} />
                </Section>
              ) : null}
              {readsRetros(me, ci) ? <RetroEntry issue={ci} /> : null}
            </View>
          );
        }}
      </LoadState>
    </View>
  );
}

export default function CommonIssuePage() {
  const { params } = useRouter();
  if (!readsCommonIssues(currentUser())) return <Empty text="无权查看共性问题" hint="您的诉求若纳入共性问题，可在诉求详情中查看进展" />;
  if (!params.id) return <Empty text="缺少共性问题编号" hint="请从共性问题台账进入" />;
  return <Issue id={params.id} />;
}
