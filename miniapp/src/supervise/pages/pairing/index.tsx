import { Input, Text, View } from '@tarojs/components';
import type { PairingsResponse } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { Btn, ChoiceChips, Empty, Loading, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { errorText, toastInfo, toastOk } from '../../../lib/toast';
import { CommissionerCard } from '../../components/pairing/CommissionerCard';
import { KeyUnpaired } from '../../components/pairing/KeyUnpaired';
import { PairSheet, type PairTarget } from '../../components/pairing/PairSheet';
import { pairingApi } from '../../lib/pairing';
import '../../pairing.scss';

type Pairing = PairingsResponse['commissioners'][number];

/**
 * 亲清特使结对 (the supervisor's, and the admin's): the key enterprises still
 * without a commissioner first, then each commissioner with their enterprises;
 * pair an enterprise, pair one official with many, unpair.
 */
export default function PairingPage() {
  const [keyOnly, setKeyOnly] = useState<'all' | 'key'>('all');
  const [unitId, setUnitId] = useState('');
  const [q, setQ] = useState('');
  const [more, setMore] = useState<{ items: Pairing[]; cursor?: string | undefined }>({ items: [] });
  const [target, setTarget] = useState<PairTarget | undefined>(undefined);
  const filter = { key: keyOnly === 'key', unitId: unitId || undefined, q: q || undefined };
  const list = useLoader(
    async () => {
      const r = await pairingApi.list(filter);
      setMore({ items: [], cursor: r.cursor });
      return r;
    },
    '加载结对情况',
    { deps: [keyOnly, unitId, q] },
  );
  const units = useLoader(() => api.units(), '加载单位', { reloadOnShow: false });
  const loadMore = () => {
    if (!more.cursor) return;
    pairingApi.list({ ...filter, cursor: more.cursor }).then(
      (r) => setMore((m) => ({ items: [...m.items, ...r.commissioners], cursor: r.cursor })),
      (e: unknown) => toastInfo(errorText(e, '加载更多')),
    );
  };
  const unpair = (userId: string) => (enterpriseId: string) => {
    pairingApi.pair(userId, { remove: [enterpriseId] }).then(
      () => (toastOk('已解除'), void list.reload()),
      (e: unknown) => toastInfo(errorText(e, '解除结对')),
    );
  };
  const d = list.data;
  const people = [...(d?.commissioners ?? []), ...more.items];
  return (
    <View className="page pairing-page">
      <View className="banner banner--purple">
        <Text className="banner__title">亲清特使结对</Text>
        <Text className="banner__text">
          {d ? `${d.counts.enterprises} 家企业中 ${d.counts.paired} 家已结对，${d.counts.commissioners} 名特使在岗；重点企业至少一名特使。` : '为企业结对亲清特使，一名特使可服务多家企业。'}
        </Text>
      </View>
      <View className="pairing-filters">
        <ChoiceChips options={[{ value: 'all', label: '全部企业' }, { value: 'key', label: '只看重点企业' }]} value={keyOnly} onChange={setKeyOnly} columns={2} />
        <ChoiceChips options={[{ value: '', label: '全部单位' }, ...(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]} value={unitId} onChange={setUnitId} className="pairing-units" />
        <Input className="input" placeholder="搜索特使或企业" confirmType="search" onConfirm={(e) => setQ(e.detail.value.trim())} />
      </View>
      {list.loading && !d ? (
        <Loading />
      ) : d ? (
        <View>
          <KeyUnpaired items={d.keyUnpaired} onPair={(e) => setTarget({ kind: 'enterprise', id: e.id, name: e.name })} />
          <Section title={`亲清特使（${d.counts.commissioners}）`}>
            {people.length ? (
              people.map((c) => (
                <CommissionerCard
                  key={c.userId}
                  pairing={c}
                  onMore={() => setTarget({ kind: 'commissioner', userId: c.userId, name: c.name, served: c.enterprises.map((e) => e.id) })}
                  onUnpair={unpair(c.userId)}
                />
              ))
            ) : (
              <Empty text="还没有结对的亲清特使" />
            )}
            {more.cursor ? (
              <Btn size="small" block onClick={loadMore}>
                加载更多
              </Btn>
            ) : null}
          </Section>
        </View>
      ) : (
        <Empty text="暂时无法加载" hint="下拉刷新重试" />
      )}
      <PairSheet target={target} onClose={() => setTarget(undefined)} onDone={() => (setTarget(undefined), void list.reload())} />
    </View>
  );
}
