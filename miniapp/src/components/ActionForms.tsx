import { Input, Text, Textarea, View } from '@tarojs/components';
import {
  DeskAnswerBody,
  DeskForwardBody,
  JointBody,
  ProgressBody,
  RATING_LABELS,
  RatingBody,
  ReasonBody,
  ResolveBody,
  TextBody,
  TransferBody,
  type RatingScore,
  type ResolutionKind,
  type Ticket,
  type Unit,
} from '@whistle/shared';
import { useState } from 'react';
import type * as z from 'zod/mini';
import { OptionList } from './Sheet';
import { Btn, ChoiceChips, Field } from './ui';

/** The commands a ticket's `actions` may offer, with the words on their buttons. */
export const ACTION_LABELS: Record<string, string> = {
  claim: '认领',
  decline: '不属本单位',
  assign: '指派承办单位',
  transfer: '移交',
  message: '留言',
  progress: '报告进展',
  requestInfo: '请企业补充',
  joint: '发起联办',
  taskDone: '完成协办任务',
  lead: '领导领办',
  resolve: '办结',
  rate: '评价',
  reopen: '重新打开',
  deskAnswer: '客服答复',
  deskForward: '转交部门',
};

export type ActionKind =
  | 'decline'
  | 'assign'
  | 'transfer'
  | 'progress'
  | 'requestInfo'
  | 'joint'
  | 'taskDone'
  | 'lead'
  | 'resolve'
  | 'rate'
  | 'reopen'
  | 'deskAnswer'
  | 'deskForward';

export const SHEET_ACTIONS: readonly ActionKind[] = [
  'resolve',
  'progress',
  'requestInfo',
  'taskDone',
  'joint',
  'transfer',
  'assign',
  'lead',
  'decline',
  'rate',
  'reopen',
  'deskAnswer',
  'deskForward',
];

export type ActionPayload =
  | { kind: 'decline'; reason: string }
  | { kind: 'assign'; unitId: string }
  | { kind: 'transfer'; unitId: string; reason: string }
  | { kind: 'progress'; text: string; cadence?: 'progress' | 'onsite' | 'review' }
  | { kind: 'requestInfo'; text: string }
  | { kind: 'joint'; leadUnitId: string; coUnits: Array<{ unitId: string; task: string }> }
  | { kind: 'taskDone'; unitId: string; note?: string }
  | { kind: 'lead'; leaderUserId: string }
  | { kind: 'resolve'; resolution: ResolutionKind; summary: string }
  | { kind: 'rate'; score: RatingScore; comment?: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'deskAnswer'; text: string }
  | { kind: 'deskForward'; text?: string };

/** What the forms need of a ticket (a full Ticket, or an overview row). */
export interface TicketLike {
  id: string;
  title: string;
  handlingUnitId?: string | undefined;
  joint?: Ticket['joint'];
  leader?: Ticket['leader'];
}

export interface ActionContext {
  ticket: TicketLike;
  me: { userId: string; unitId?: string | undefined; isSupervisor: boolean; isLeader: boolean; name: string };
  units: readonly Unit[];
  leaders: ReadonlyArray<{ userId: string; name: string; title?: string | undefined }>;
}

const omit = (o: Record<string, string>, key: string): Record<string, string> => {
  const copy = { ...o };
  delete copy[key];
  return copy;
};

/** First message of a failed parse, for the one error line under the form. */
function check<S extends z.ZodMiniType>(schema: S, input: unknown): { ok: true } | { ok: false; message: string } {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true };
  return { ok: false, message: r.error.issues[0]?.message ?? '请检查填写内容' };
}

const RESOLUTION_OPTIONS: ReadonlyArray<{ value: ResolutionKind; label: string; hint: string }> = [
  { value: 'answered', label: '直接解答', hint: '政策、流程已答复清楚' },
  { value: 'resolved', label: '协调解决', hint: '经协调办理，问题已解决' },
];
const RATING_OPTIONS: ReadonlyArray<{ value: RatingScore; label: string }> = (['satisfied', 'fair', 'unsatisfied'] as const).map(
  (s) => ({ value: s, label: RATING_LABELS[s] }),
);
const CADENCE_OPTIONS = [
  { value: 'progress', label: '月度进展' },
  { value: 'onsite', label: '现场办公' },
  { value: 'review', label: '季度评估' },
] as const;

const TEXT_PROMPTS: Partial<Record<ActionKind, { label: string; placeholder: string }>> = {
  decline: { label: '原因', placeholder: '说明为什么不属于本单位职责，便于其他单位认领' },
  progress: { label: '进展情况', placeholder: '已做了什么、下一步计划、预计何时办结' },
  requestInfo: { label: '需要企业补充什么', placeholder: '如：请上传用电增容申请表和厂房平面图' },
  reopen: { label: '重新打开的原因', placeholder: '哪里还没有解决' },
  deskAnswer: { label: '答复内容', placeholder: '直接答复企业的咨询' },
  deskForward: { label: '转交说明（选填）', placeholder: '给认领单位的提示' },
  taskDone: { label: '完成情况（选填）', placeholder: '协办任务办理结果' },
};

/**
 * The form for one command on a ticket. Fields are validated with the shared
 * body schemas before `submit` is called; the server answers the rest.
 */
export function ActionForm(props: { kind: ActionKind; ctx: ActionContext; submit: (p: ActionPayload) => Promise<boolean> }) {
  const { kind, ctx } = props;
  const t = ctx.ticket;
  const [text, setText] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [resolution, setResolution] = useState<ResolutionKind | undefined>(undefined);
  const [score, setScore] = useState<RatingScore | undefined>(undefined);
  const [cadence, setCadence] = useState<'progress' | 'onsite' | 'review'>('progress');
  const [leadUnitId, setLeadUnitId] = useState<string | undefined>(t.handlingUnitId);
  const [co, setCo] = useState<Record<string, string>>({});
  const [leaderId, setLeaderId] = useState<string | undefined>(ctx.me.isLeader && !ctx.me.isSupervisor ? ctx.me.userId : undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const pendingTasks = (t.joint?.coUnits ?? []).filter((c) => !c.doneAt);
  const myTask = pendingTasks.find((c) => c.unitId === ctx.me.unitId);
  const [taskUnitId, setTaskUnitId] = useState<string | undefined>(myTask?.unitId ?? pendingTasks[0]?.unitId);

  // the handling unit first (the natural lead), then departments, then townships
  const rank = (u: Unit) => (u.id === t.handlingUnitId ? 0 : u.track === 'department' ? 1 : 2);
  const unitOptions = (exclude: readonly (string | undefined)[]) =>
    [...ctx.units]
      .filter((u) => !exclude.includes(u.id))
      .sort((a, b) => rank(a) - rank(b))
      .map((u) => ({ value: u.id, label: u.name, sub: u.id === t.handlingUnitId ? '当前承办单位' : u.track === 'township' ? '镇街' : '部门' }));

  const build = (): { payload: ActionPayload } | { error: string } => {
    switch (kind) {
      case 'decline':
      case 'reopen': {
        const c = check(ReasonBody, { reason: text });
        return c.ok ? { payload: { kind, reason: text.trim() } } : { error: c.message };
      }
      case 'requestInfo': {
        const c = check(TextBody, { text });
        return c.ok ? { payload: { kind, text: text.trim() } } : { error: c.message };
      }
      case 'progress': {
        const body = t.leader ? { text, cadence } : { text };
        const c = check(ProgressBody, body);
        return c.ok ? { payload: { kind, text: text.trim(), ...(t.leader ? { cadence } : {}) } } : { error: c.message };
      }
      case 'assign':
        return unitId ? { payload: { kind, unitId } } : { error: '请选择承办单位' };
      case 'transfer': {
        if (!unitId) return { error: '请选择移交给哪个单位' };
        const c = check(TransferBody, { unitId, reason: text });
        return c.ok ? { payload: { kind, unitId, reason: text.trim() } } : { error: c.message };
      }
      case 'joint': {
        if (!leadUnitId) return { error: '请选择牵头单位' };
        const coUnits = Object.entries(co)
          .filter(([id]) => id !== leadUnitId)
          .map(([id, task]) => ({ unitId: id, task: task.trim() }));
        if (!coUnits.length) return { error: '至少选择一个协办单位' };
        const missing = coUnits.find((c) => !c.task);
        if (missing) return { error: `请填写 ${ctx.units.find((u) => u.id === missing.unitId)?.name ?? '协办单位'} 的协办任务` };
        const c = check(JointBody, { leadUnitId, coUnits });
        return c.ok ? { payload: { kind, leadUnitId, coUnits } } : { error: c.message };
      }
      case 'taskDone':
        if (!taskUnitId) return { error: '没有待完成的协办任务' };
        return { payload: { kind, unitId: taskUnitId, ...(text.trim() ? { note: text.trim() } : {}) } };
      case 'lead':
        return leaderId ? { payload: { kind, leaderUserId: leaderId } } : { error: '请选择领办领导' };
      case 'resolve': {
        if (!resolution) return { error: '请选择办结方式' };
        const c = check(ResolveBody, { kind: resolution, summary: text });
        return c.ok ? { payload: { kind, resolution, summary: text.trim() } } : { error: c.message };
      }
      case 'rate': {
        if (!score) return { error: '请选择满意程度' };
        const c = check(RatingBody, { score, ...(text.trim() ? { comment: text } : {}) });
        return c.ok ? { payload: { kind, score, ...(text.trim() ? { comment: text.trim() } : {}) } } : { error: c.message };
      }
      case 'deskAnswer': {
        const c = check(DeskAnswerBody, { text });
        return c.ok ? { payload: { kind, text: text.trim() } } : { error: c.message };
      }
      case 'deskForward': {
        const c = check(DeskForwardBody, text.trim() ? { text } : {});
        return c.ok ? { payload: { kind, ...(text.trim() ? { text: text.trim() } : {}) } } : { error: c.message };
      }
    }
  };

  const onSubmit = async () => {
    if (busy) return;
    const r = build();
    if ('error' in r) {
      setError(r.error);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await props.submit(r.payload);
    } finally {
      setBusy(false);
    }
  };

  const textBox = (label: string, placeholder: string, required = true) => (
    <Field label={label} required={required}>
      <Textarea
        className="textarea action-text"
        value={text}
        placeholder={placeholder}
        maxlength={2000}
        autoHeight
        onInput={(e) => setText(e.detail.value)}
      />
    </Field>
  );

  const prompt = TEXT_PROMPTS[kind];
  return (
    <View className={`action-form action-form--${kind}`}>
      {kind === 'resolve' ? (
        <>
          <Field label="办结方式" required>
            <ChoiceChips options={RESOLUTION_OPTIONS} value={resolution} onChange={setResolution} columns={2} />
          </Field>
          {textBox('办理结果', '向企业说明办理结果，企业将据此评价')}
        </>
      ) : null}

      {kind === 'rate' ? (
        <>
          <Field label="对这次办理满意吗？" required>
            <ChoiceChips options={RATING_OPTIONS} value={score} onChange={setScore} columns={3} className="rating-choices" />
          </Field>
          {textBox('说几句（选填）', '您的意见会转给承办单位和督办人员', false)}
        </>
      ) : null}

      {kind === 'progress' && t.leader ? (
        <Field label="本次报告对应">
          <ChoiceChips options={CADENCE_OPTIONS} value={cadence} onChange={setCadence} columns={3} />
        </Field>
      ) : null}

      {kind === 'assign' || kind === 'transfer' ? (
        <Field label={kind === 'assign' ? '指派给' : '移交给'} required>
          <View className="form__scroll">
            <OptionList
              options={unitOptions([t.handlingUnitId])}
              selected={unitId ? [unitId] : []}
              onToggle={(v) => setUnitId(v)}
              empty="正在加载单位…"
            />
          </View>
        </Field>
      ) : null}
      {kind === 'transfer' ? textBox('移交原因', '说明为什么移交，接手单位能看到') : null}

      {kind === 'joint' ? (
        <>
          <Field label="牵头单位" required hint={<Text className="counter">牵头单位负责办结</Text>}>
            <View className="form__scroll form__scroll--short">
              <OptionList
                options={unitOptions([])}
                selected={leadUnitId ? [leadUnitId] : []}
                onToggle={(v) => {
                  setLeadUnitId(v);
                  setCo((c) => omit(c, v));
                }}
              />
            </View>
          </Field>
          <Field label="协办单位及任务" required>
            <View className="form__scroll">
              <OptionList
                multi
                options={unitOptions([leadUnitId])}
                selected={Object.keys(co)}
                onToggle={(v) =>
                  setCo((c) => (v in c ? omit(c, v) : { ...c, [v]: '' }))
                }
              />
            </View>
            {Object.keys(co).map((id) => (
              <View key={id} className="co-task">
                <Text className="co-task__unit">{ctx.units.find((u) => u.id === id)?.name ?? id}</Text>
                <Input
                  className="input co-task__input"
                  value={co[id] ?? ''}
                  placeholder="协办任务，如：出具规划意见"
                  onInput={(e) => {
                    const value = e.detail.value;
                    setCo((c) => ({ ...c, [id]: value }));
                  }}
                />
              </View>
            ))}
          </Field>
        </>
      ) : null}

      {kind === 'taskDone' && pendingTasks.length > 1 && ctx.me.isSupervisor ? (
        <Field label="哪个协办任务">
          <OptionList
            options={pendingTasks.map((c) => ({ value: c.unitId, label: c.unitName, sub: c.task }))}
            selected={taskUnitId ? [taskUnitId] : []}
            onToggle={setTaskUnitId}
          />
        </Field>
      ) : null}
      {kind === 'taskDone' && (myTask ?? pendingTasks[0]) ? (
        <View className="task-brief">
          <Text>任务：{(myTask ?? pendingTasks.find((c) => c.unitId === taskUnitId))?.task ?? ''}</Text>
        </View>
      ) : null}

      {kind === 'lead' ? (
        ctx.me.isSupervisor ? (
          <Field label="领办领导" required>
            <View className="form__scroll">
              <OptionList
                options={ctx.leaders.map((l) => ({ value: l.userId, label: l.name, ...(l.title ? { sub: l.title } : {}) }))}
                selected={leaderId ? [leaderId] : []}
                onToggle={setLeaderId}
                empty="正在加载领导名单…"
              />
            </View>
          </Field>
        ) : (
          <View className="task-brief">
            <Text>由您（{ctx.me.name}）领办此事：每月听取进展，每两个月现场办公，每季度评估。</Text>
          </View>
        )
      ) : null}

      {prompt && kind !== 'transfer' ? textBox(prompt.label, prompt.placeholder, !['deskForward', 'taskDone'].includes(kind)) : null}

      {error ? <Text className="field__error form-error">{error}</Text> : null}
      <View className="action-form__submit">
        <Btn kind={kind === 'decline' ? 'warn' : 'primary'} size="large" block loading={busy} onClick={() => void onSubmit()} className="action-submit">
          {busy ? '提交中…' : `确认${ACTION_LABELS[kind] ?? ''}`}
        </Btn>
      </View>
    </View>
  );
}
