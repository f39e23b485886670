import { Text, View } from '@tarojs/components';
import { LEVEL_LABELS, type SupervisionLevel, type SupervisionNotice, type Unit } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { Btn, Chip, Empty, Loading, Tabs } from '../../../components/ui';
import { clockLabel, formatDateTime } from '../../../lib/format';
import { useLoader } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { toastError, toastOk } from '../../../lib/toast';

type Tab = 'all' | SupervisionLevel;
const LEVEL_TONE = { reminder: 'warn', urge: 'orange', warning: 'danger' } as const;

export function NoticeCard(props: {
  notice: SupervisionNotice;
  unitName?: string | undefined;
  onAck: (n: SupervisionNotice) => Promise<void>;
}) {
  const n = props.notice;
  const [busy, setBusy] = useState(false);
  return (
    <View className={`card notice notice--${n.level}`} onClick={() => (n.holder?.kind === 'commonIssue' ? go('commonIssue', { id: n.holder.id }) : openTicket(n.ticketId))}>
      <View className="notice__top">
        <Chip tone={LEVEL_TONE[n.level]}>
          第{n.level === 'reminder' ? '1' : n.level === 'urge' ? '2' : '3'}次 · {LEVEL_LABELS[n.level]}
        </Chip>
        <Text className="notice__no">督办单 {n.number}</Text>
      </View>
      <Text className="notice__title">
        诉求 {n.ticketNumber}：{clockLabel(n.clockKind)}超时
      </Text>
      <Text className="notice__meta">
        {props.unitName ? `责任单位：${props.unitName} · ` : ''}
        {formatDateTime(n.issuedAt)} 签发
      </Text>
      <View className="card-actions" onClick={(e) => e.stopPropagation()}>
        {n.acknowledgedAt ? (
          <Text className="muted">已签收 {formatDateTime(n.acknowledgedAt)}</Text>
        ) : (
          <>
            <Text className="summary--danger">未签收</Text>
            <Btn
              kind="primary"
              size="small"
              loading={busy}
              className="ack-btn"
              onClick={() => {
                setBusy(true);
                void props.onAck(n).finally(() => setBusy(false));
              }}
            >
              签收
            </Btn>
          </>
        )}
      </View>
    </View>
  );
}

export default function Notices() {
  const [tab, setTab] = useState<Tab>('all');
  const [units, setUnits] = useState<Unit[]>([]);
  const notices = useLoader(() => api.notices(tab === 'all' ? {} : { level: tab }), '加载督办单', { deps: [tab] });
  useEffect(() => {
    api
      .units()
      .then((r) => setUnits(r.items))
      .catch(() => undefined);
  }, []);
  const ack = async (n: SupervisionNotice) => {
    try {
      await api.ackNotice(n.id);
      toastOk('已签收');
      const at = new Date().toISOString();
      notices.setData((d) => (d ? { ...d, items: d.items.map((x) => (x.id === n.id ? { ...x, acknowledgedAt: at } : x)) } : d));
    } catch (e) {
      toastError(e, '签收');
    }
  };
  const items = notices.data?.items ?? [];
  return (
    <View className="page">
      <Tabs
        tabs={[
          { value: 'all', label: '全部' },
          { value: 'reminder', label: '提醒' },
          { value: 'urge', label: '催办' },
          { value: 'warning', label: '警告' },
        ]}
        value={tab}
        onChange={setTab}
      />
      {notices.loading && !notices.data ? (
        <Loading />
      ) : items.length ? (
        items.map((n) => (
          <NoticeCard key={n.id} notice={n} unitName={units.find((u) => u.id === n.unitId)?.name} onAck={ack} />
        ))
      ) : (
        <Empty text="暂无督办单" hint="超时未认领、未联系、未办结时会自动签发：提醒 → 催办 → 警告" />
      )}
    </View>
  );
}
