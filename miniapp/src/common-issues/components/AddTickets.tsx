import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { OptionList } from '../../components/Sheet';
import { Btn } from '../../components/ui';
import { useLoader } from '../../lib/hooks';
import { errorText } from '../../lib/toast';

/** 添加诉求: the open requests the supervisor sees, less those linked already, ticked and added in one go. */
export function AddTickets(props: { linked: readonly string[]; add: (ticketIds: string[]) => Promise<void>; onClose: () => void }) {
  const open = useLoader(() => api.tickets('supervision', { status: 'open', limit: 100 }), '加载诉求', { reloadOnShow: false });
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const options = (open.data?.items ?? [])
    .filter((t) => !props.linked.includes(t.id) && !t.commonIssue)
    .map((t) => ({ value: t.id, label: `${t.enterpriseName} · ${t.title}`, sub: t.number }));
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const submit = () => {
    if (!picked.length) return setProblem('请勾选要关联的诉求');
    setBusy(true);
    props
      .add(picked)
      .then(props.onClose)
      .catch((e: unknown) => setProblem(errorText(e, '添加诉求')))
      .finally(() => setBusy(false));
  };
  return (
    <View className="ci-add-tickets">
      <View className="form__scroll">
        <OptionList options={options} selected={picked} onToggle={toggle} multi empty={open.loading ? '正在加载诉求…' : '没有可关联的未办结诉求'} />
      </View>
      {problem ? <Text className="form__error">{problem}</Text> : null}
      <View className="ci-row-actions">
        <Btn size="small" kind="plain" onClick={props.onClose}>
          取消
        </Btn>
        <Btn size="small" kind="primary" className="ci-add-tickets__ok" loading={busy} onClick={submit}>
          {`关联 ${picked.length} 件`}
        </Btn>
      </View>
    </View>
  );
}
