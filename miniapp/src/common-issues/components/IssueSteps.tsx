import { Text, View } from '@tarojs/components';
import type { CommonIssue, PlanItem, StepDraft, Unit } from '@whistle/shared';
import { useState } from 'react';
import { Btn } from '../../components/ui';
import { errorText } from '../../lib/toast';
import { StepRow } from './StepRow';
import { StepsEditor } from './StepsEditor';

/** The standing fix's steps with their state; each owner unit finishes its own; the supervisor adds more. */
export function IssueSteps(props: {
  issue: CommonIssue;
  now: number;
  mayFinish: (item: PlanItem) => boolean;
  finish: (itemId: string, note: string | undefined) => Promise<void>;
  /** the supervisor: the units to pick from and the add itself */
  adding?: { units: readonly Unit[]; add: (steps: StepDraft[]) => Promise<void> };
}) {
  const items = props.issue.plan.items;
  const [drafts, setDrafts] = useState<StepDraft[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const save = () => {
    if (!drafts?.length || !props.adding) return setProblem('请先添加至少一项措施');
    setBusy(true);
    props.adding
      .add(drafts)
      .then(() => setDrafts(undefined))
      .catch((e: unknown) => setProblem(errorText(e, '添加措施')))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card plan ci-steps">
      {items.length ? items.map((i) => <StepRow key={i.id} item={i} now={props.now} {...(props.mayFinish(i) ? { done: (note) => props.finish(i.id, note) } : {})} />) : <Text className="muted ci-steps__none">暂无措施</Text>}
      {props.adding && drafts ? (
        <View className="ci-steps__add">
          <StepsEditor steps={drafts} onChange={(s) => (setProblem(undefined), setDrafts(s))} units={props.adding.units} />
          {problem ? <Text className="form__error">{problem}</Text> : null}
          <View className="ci-row-actions">
            <Btn size="small" kind="plain" onClick={() => setDrafts(undefined)}>
              取消
            </Btn>
            <Btn size="small" kind="primary" className="ci-steps__save" loading={busy} onClick={save}>
              {`保存 ${drafts.length} 项措施`}
            </Btn>
          </View>
        </View>
      ) : props.adding ? (
        <Btn size="small" kind="plain" className="ci-steps__open" onClick={() => setDrafts([])}>
          添加措施
        </Btn>
      ) : null}
    </View>
  );
}
