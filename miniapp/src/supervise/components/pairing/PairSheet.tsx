import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Sheet, OptionList } from '../../../components/Sheet';
import { Btn } from '../../../components/ui';
import { errorText, toastOk } from '../../../lib/toast';
import { pairingApi } from '../../lib/pairing';

/** Whom the sheet pairs: an enterprise with one official, or one official with many enterprises. */
export type PairTarget =
  | { kind: 'enterprise'; id: string; name: string }
  | { kind: 'commissioner'; userId: string; name: string; served: readonly string[] };

type Option = { value: string; label: string; sub?: string; disabled?: boolean };

async function search(target: PairTarget, q: string): Promise<Option[]> {
  if (target.kind === 'enterprise') {
    return (await pairingApi.officials(q)).map((u) => ({ value: u.id, label: u.name, sub: [u.title, u.phone].filter(Boolean).join(' · ') }));
  }
  return (await pairingApi.enterprises(q)).map((e) => ({
    value: e.id,
    label: e.name,
    sub: target.served.includes(e.id) ? '已结对' : e.key ? '重点企业' : e.id,
    disabled: target.served.includes(e.id),
  }));
}

/** 结对: pick the official for an enterprise, or the enterprises for an official (many at once), and pair them. */
export function PairSheet(props: { target: PairTarget | undefined; onClose: () => void; onDone: () => void }) {
  const t = props.target;
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const many = t?.kind === 'commissioner';
  useEffect(() => {
    setPicked([]);
    setError('');
    if (!t) return;
    search(t, q).then(setOptions, (e: unknown) => setError(errorText(e, '搜索')));
  }, [t, q]);
  if (!t) return null;
  const toggle = (v: string) => setPicked((p) => (many ? (p.includes(v) ? p.filter((x) => x !== v) : [...p, v]) : [v]));
  const submit = async () => {
    if (!picked.length || busy) return;
    setBusy(true);
    setError('');
    try {
      if (t.kind === 'enterprise') await pairingApi.pair(picked[0] ?? '', { add: [t.id] });
      else await pairingApi.pair(t.userId, { add: picked });
      toastOk('已结对');
      props.onDone();
    } catch (e) {
      setError(errorText(e, '结对'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Sheet
      open
      title={t.kind === 'enterprise' ? `为「${t.name}」结对亲清特使` : `为${t.name}结对企业`}
      onClose={props.onClose}
      footer={
        <Btn kind="primary" block loading={busy} className="pair-submit" onClick={() => void submit()}>
          {many ? `结对 ${picked.length} 家企业` : '确认结对'}
        </Btn>
      }
    >
      <Input className="input pair-search" placeholder={t.kind === 'enterprise' ? '搜索姓名、手机号' : '搜索企业名称、信用代码'} confirmType="search" onConfirm={(e) => setQ(e.detail.value.trim())} />
      {error ? <Text className="field__error">{error}</Text> : null}
      <View className="form__scroll">
        <OptionList options={options} selected={picked} onToggle={toggle} multi={many} empty="没有找到" />
      </View>
    </Sheet>
  );
}
