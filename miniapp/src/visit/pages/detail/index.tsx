import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { VISIT_LABELS } from '@whistle/shared';
import { useState } from 'react';
import { visitsApi } from '../../../api/visits';
import { LoadState } from '../../../components/LoadState';
import { Chip, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go, openTicket } from '../../../lib/nav';
import { toastError, toastOk } from '../../../lib/toast';
import { FindingItem } from '../../components/FindingItem';
import { situationText, troubled } from '../../lib/visit';
import '../../visit.scss';

/**
 * A visit: the enterprise (its ledger on tap), the day, who went, the week's
 * situation, and each finding with its one-tap 转为诉求 (then a link to the
 * ticket it became).
 */
export default function VisitDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const loaded = useLoader(() => visitsApi.visit(id), '加载走访记录', { deps: [id] });
  const [busy, setBusy] = useState<number>();
  const raise = async (n: number) => {
    if (busy !== undefined) return;
    setBusy(n);
    try {
      const r = await visitsApi.raise(id, n);
      loaded.setData((d) => d && { ...d, visit: r.visit });
      toastOk(`已转为诉求 ${r.ticket.number}`);
    } catch (e) {
      toastError(e, '转为诉求');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <View className="page visit-detail">
      <LoadState loaded={loaded} what="加载走访记录">
        {({ visit: v, canRaise }) => (
          <View>
            <View className="card visit-head">
              <Text className="visit-head__name link" onClick={() => go('visitLedger', { enterpriseId: v.enterpriseId })}>
                {v.enterpriseName} ›
              </Text>
              <Text className="visit-head__meta">
                {v.date} · {VISIT_LABELS.kind[v.kind]} · {v.visitors.map((x) => x.name).join('、')}
              </Text>
              <View className="visit-card__chips">
                <Chip tone={troubled(v.situation) ? 'warn' : 'ok'}>{situationText(v.situation)}</Chip>
              </View>
              {v.situation.note ? <Text className="visit-head__note">{v.situation.note}</Text> : null}
            </View>
            <Section title={`发现的问题（${v.findings.length}）`}>
              {v.findings.length ? (
                v.findings.map((f, n) => (
                  <FindingItem key={n} finding={f} n={n} canRaise={canRaise} busy={busy === n} onRaise={() => void raise(n)} onOpenTicket={openTicket} />
                ))
              ) : (
                <Text className="muted visit-detail__none">本次走访未发现问题</Text>
              )}
            </Section>
          </View>
        )}
      </LoadState>
    </View>
  );
}
