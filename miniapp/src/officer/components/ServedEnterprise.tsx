import { Text, View } from '@tarojs/components';
import { LABELS, type CommissionedResponse, type Ticket } from '@whistle/shared';
import { TicketCard } from '../../components/TicketCard';
import { Btn, Chip } from '../../components/ui';
import { go, openTicket } from '../../lib/nav';

export type ServedEnterpriseView = CommissionedResponse['items'][number];

/**
 * One enterprise a commissioner (亲清特使) serves: who it is, its open requests,
 * and 代企业吹哨 (the new-request page with the enterprise chosen).
 */
export function ServedEnterprise(props: { enterprise: ServedEnterpriseView; open: readonly Ticket[]; now: number }) {
  const e = props.enterprise;
  return (
    <View className="card served-ent" data-enterprise={e.id}>
      <View className="served-ent__head">
        <View className="served-ent__main">
          <Text className="served-ent__name">{e.name}</Text>
          <View className="served-ent__meta">
            {e.key ? <Chip tone="warn">重点企业</Chip> : null}
            <Text className="muted">
              {LABELS.industry[e.industry]} · {LABELS.tier[e.tier]}
            </Text>
          </View>
        </View>
        <Btn kind="primary" size="small" className="served-raise" onClick={() => go('ownerNew', { enterpriseId: e.id })}>
          代企业吹哨
        </Btn>
      </View>
      {props.open.length ? (
        props.open.map((t) => <TicketCard key={t.id} ticket={t} now={props.now} showEnterprise={false} onTap={() => openTicket(t.id)} />)
      ) : (
        <Text className="muted served-ent__none">暂无办理中的诉求</Text>
      )}
    </View>
  );
}
