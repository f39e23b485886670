import { Text, View } from '@tarojs/components';
import { LABELS, type Finding } from '@whistle/shared';
import { Btn, Chip } from '../../components/ui';

/**
 * A problem found on the visit: its text and category, and where it stands —
 * solved on the spot, turned into a ticket (tap to open it), or pending with
 * the one-tap "转为诉求" for those who may raise it.
 */
export function FindingItem(props: { finding: Finding; n: number; canRaise: boolean; busy: boolean; onRaise: () => void; onOpenTicket: (id: string) => void }) {
  const f = props.finding;
  return (
    <View className="finding card" data-finding={props.n}>
      <View className="finding__top">
        <Text className="finding__no">问题 {props.n + 1}</Text>
        <Chip tone="info">{LABELS.category[f.category]}</Chip>
      </View>
      <Text className="finding__text">{f.text}</Text>
      <View className="finding__state">
        {f.ticket ? (
          <Text className="link finding__ticket" onClick={() => props.onOpenTicket(f.ticket?.ticketId ?? '')}>
            已转为诉求 {f.ticket.number} ›
          </Text>
        ) : f.resolvedOnSite ? (
          <Chip tone="ok">已当场解决</Chip>
        ) : props.canRaise ? (
          <Btn size="small" kind="primary" className="finding-raise" loading={props.busy} onClick={props.onRaise}>
            转为诉求
          </Btn>
        ) : (
          <Chip tone="orange">待解决</Chip>
        )}
      </View>
    </View>
  );
}
