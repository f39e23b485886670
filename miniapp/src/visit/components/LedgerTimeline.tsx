import { Text, View } from '@tarojs/components';
import { LABELS, LEDGER_KIND_LABELS, VISIT_LABELS, type LedgerEntry } from '@whistle/shared';
import { formatDateTime, statusLabel } from '../../lib/format';
import { situationText } from '../lib/visit';

/** Each kind's round icon. */
export const LEDGER_ICONS: Record<LedgerEntry['kind'], string> = { ticket: '诉', visit: '访', policyPushed: '策', profileChanged: '档' };

/** What an entry says: a title and the line below it. */
export function ledgerLines(e: LedgerEntry): { title: string; sub: string } {
  switch (e.kind) {
    case 'ticket':
      return {
        title: e.title,
        sub: [e.number, statusLabel(e.status), `${LABELS.channel[e.channel]}`, e.handlingUnitName, e.resolvedAt ? `办结于 ${formatDateTime(e.resolvedAt)}` : undefined].filter(Boolean).join(' · '),
      };
    case 'visit':
      return {
        title: `${VISIT_LABELS.kind[e.visitKind]} · ${e.visitors.join('、')}`,
        sub: [situationText(e.situation), e.findings ? `发现问题 ${e.findings} 个` : '未发现问题', e.ticketIds.length ? `转诉求 ${e.ticketIds.length} 件` : undefined, e.pendingFindings ? `待解决 ${e.pendingFindings} 个` : undefined]
          .filter(Boolean)
          .join(' · '),
      };
    case 'policyPushed':
      return { title: `推送政策：${e.title}`, sub: '政策超市按企业画像推送' };
    case 'profileChanged':
      return { title: '企业画像变更', sub: e.changes.map((c) => `${c.label}：${c.before ?? '—'} → ${c.after ?? '—'}`).join('；') };
  }
}

/**
 * 问题困难动态台账: the enterprise's tickets, visits (and, as the policy
 * supermarket adds them, pushes and profile changes), newest first, each with
 * its kind's icon; a ticket or a visit opens on tap.
 */
export function LedgerTimeline(props: { entries: readonly LedgerEntry[]; onOpen: (e: LedgerEntry) => void }) {
  return (
    <View className="ledger">
      {props.entries.map((e) => {
        const { title, sub } = ledgerLines(e);
        const opens = e.kind === 'ticket' || e.kind === 'visit';
        return (
          <View key={`${e.kind}:${e.id}`} className={`ledger-entry ledger-entry--${e.kind}`} data-kind={e.kind} data-id={e.id} onClick={() => opens && props.onOpen(e)}>
            <View className={`ledger-entry__icon ledger-icon--${e.kind}`}>
              <Text>{LEDGER_ICONS[e.kind]}</Text>
            </View>
            <View className="ledger-entry__body">
              <View className="ledger-entry__top">
                <Text className="ledger-entry__kind">{LEDGER_KIND_LABELS[e.kind]}</Text>
                <Text className="ledger-entry__at">{e.kind === 'visit' ? e.date : formatDateTime(e.at)}</Text>
              </View>
              <Text className="ledger-entry__title">{title}</Text>
              {sub ? <Text className="ledger-entry__sub">{sub}</Text> : null}
            </View>
            {opens ? <Text className="ledger-entry__more">›</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
