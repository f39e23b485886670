import { Input, Text, View } from '@tarojs/components';
import { fieldIssues, IssueInvitationsBody, INVITE_DEFAULT_DAYS, type InvitationView } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { OptionList } from '../../../components/Sheet';
import { ChoiceChips, Field } from '../../../components/ui';
import { FormFooter } from '../../../components/FormFooter';
import { issueErrors } from '../../../lib/form-errors';
import { useFieldForm } from '../../../lib/useFieldForm';

export interface Invitee {
  id: string;
  name: string;
  sub?: string;
  bound: boolean;
}

const FIELDS = ['userIds', 'days'] as const;
type Show = 'unbound' | 'all';

/**
 * 发放邀请码: pick people (found by the server's search: name, account, phone;
 * the unbound ones unless asked for all), how many days the codes hold;
 * answers the issued invitations.
 */
export function IssueForm(props: { search: (q: string) => Promise<Invitee[]>; preselect?: readonly string[]; issue: (body: IssueInvitationsBody) => Promise<InvitationView[]>; onIssued: (items: InvitationView[]) => void }) {
  const [selected, setSelected] = useState<string[]>([...(props.preselect ?? [])]);
  const [days, setDays] = useState(String(INVITE_DEFAULT_DAYS));
  const [show, setShow] = useState<Show>('unbound');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Invitee[]>([]);
  const [picked, setPicked] = useState<Invitee[]>([]);
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '发放邀请码');
  const search = props.search;
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => void search(q).then((r) => live && setFound(r)).catch(() => live && setFound([])), 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, search]);
  // the chosen ones stay listed (first) whatever the search shows
  const chosen = picked.filter((u) => selected.includes(u.id));
  const shown = [...chosen, ...found.filter((u) => !selected.includes(u.id) && (show === 'all' || !u.bound))];
  const submit = () => {
    const checked = IssueInvitationsBody.safeParse({ userIds: selected, days: Number(days) });
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error).map((i) => ({ ...i, field: i.field.split('.')[0] ?? i.field })), FIELDS));
    return send(async () => props.onIssued(await props.issue(checked.data)));
  };
  return (
    <View className="action-form issue-form">
      <Field label={`选择用户（已选 ${selected.length} 位）`} error={errors.fields.userIds} required>
        <View className="cfilters">
          <ChoiceChips<Show> options={[{ value: 'unbound', label: '未绑定微信' }, { value: 'all', label: '全部' }]} value={show} columns={2} onChange={setShow} />
          <Input className="input issue-search" value={q} placeholder="姓名、账号、电话" onInput={(e) => setQ(e.detail.value.trim())} />
        </View>
        <View className="form__scroll issue-users">
          <OptionList<string>
            multi
            options={shown.map((u) => ({ value: u.id, label: u.name, sub: [u.sub, u.bound ? '已绑定微信' : ''].filter(Boolean).join(' · ') }))}
            selected={selected}
            empty="没有符合条件的用户"
            onToggle={(id) => {
              const u = found.find((x) => x.id === id);
              if (u && !picked.some((x) => x.id === id)) setPicked([...picked, u]);
              setSelected(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
              clear('userIds');
            }}
          />
        </View>
      </Field>
      <Field label="有效天数" error={errors.fields.days} hint={<Text className="muted">1–30 天，一次有效</Text>}>
        <Input className="input issue-days" type="number" value={days} onInput={(e) => (setDays(e.detail.value), clear('days'))} />
      </Field>
      <FormFooter error={errors.other} busy={busy} label="发放邀请码" className="issue-submit" onSubmit={() => void submit()} />
    </View>
  );
}
