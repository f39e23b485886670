import { Input, Text, View } from '@tarojs/components';
import { LABELS, type CommonIssueSuggestion } from '@whistle/shared';
import { useState } from 'react';
import { Btn, Chip } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

/**
 * One 可能的共性问题: its sentence, the enterprises and what each asked, the weighty terms, 曾被忽略 when
 * it grew out of a dismissed one; 确认为共性问题, or 忽略 with an optional reason (never proposed again).
 */
export function SuggestionCard(props: { suggestion: CommonIssueSuggestion; onConfirm: () => void; dismiss: (reason: string | undefined) => Promise<void> }) {
  const s = props.suggestion;
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const dismiss = () => {
    setBusy(true);
    props
      .dismiss(reason.trim() || undefined)
      .then(() => setDismissing(false))
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  return (
    <View className="card ci-suggestion" data-suggestion={s.id}>
      <View className="ci-suggestion__head">
        <Text className="ci-suggestion__title">{s.title}</Text>
        <Chip tone="info" className="chip--outline">
          {LABELS.category[s.category]}
        </Chip>
        {s.dismissedBefore.length ? <Chip tone="warn" className="ci-dismissed-before">曾被忽略</Chip> : null}
      </View>
      <Text className="muted ci-suggestion__meta">{`${s.enterpriseCount} 家企业 · ${s.tickets.length} 件诉求 · ${formatDateTime(s.proposedAt)} 发现`}</Text>
      {s.tickets.map((t) => (
        <View key={t.ticketId} className="ci-suggestion__ticket">
          <Text className="ci-suggestion__ent">{t.enterpriseName}</Text>
          <Text className="ci-suggestion__ask">{t.title}</Text>
        </View>
      ))}
      {s.terms.length ? (
        <View className="ci-suggestion__terms">
          {s.terms.map((term) => (
            <Chip key={term} tone="muted" className="ci-term">
              {term}
            </Chip>
          ))}
        </View>
      ) : null}
      {dismissing ? (
        <View className="ci-dismiss">
          <Input className="input ci-dismiss__reason" value={reason} maxlength={200} placeholder="忽略理由（可选）" onInput={(e) => setReason(e.detail.value)} />
          <View className="ci-suggestion__actions">
            <Btn size="small" kind="plain" onClick={() => setDismissing(false)}>
              取消
            </Btn>
            <Btn size="small" kind="warn" className="ci-dismiss__ok" loading={busy} onClick={dismiss}>
              确认忽略
            </Btn>
          </View>
        </View>
      ) : (
        <View className="ci-suggestion__actions">
          <Btn size="small" kind="plain" className="ci-dismiss-open" onClick={() => setDismissing(true)}>
            忽略
          </Btn>
          <Btn size="small" kind="primary" className="ci-confirm-open" onClick={props.onConfirm}>
            确认为共性问题
          </Btn>
        </View>
      )}
    </View>
  );
}
