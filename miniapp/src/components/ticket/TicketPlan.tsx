import { Text, View } from '@tarojs/components';
import { isItemOverdue, type PlanItem, type TicketDetailResponse } from '@whistle/shared';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { currentUser, getMe, hasRole } from '../../lib/session';
import { CommandSheet } from '../commands';
import { Btn, Chip, Section } from '../ui';

function ItemRow(props: { item: PlanItem; now: number; canComplete: boolean; onComplete: () => void }) {
  const { item } = props;
  const overdue = isItemOverdue(item, new Date(props.now).toISOString());
  return (
    <View className={`plan__item ${overdue ? 'plan__item--overdue' : ''}`}>
      <Chip tone={item.status === 'done' ? 'done' : overdue ? 'danger' : 'muted'}>{item.status === 'done' ? '已完成' : overdue ? '已超期' : '办理中'}</Chip>
      <View className="plan__main">
        <Text className="plan__title">{item.title}</Text>
        <Text className="plan__meta">{`${item.ownerUnitName} · ${item.dueDate} 前完成`}</Text>
        {item.doneAt ? (
          <Text className="plan__meta">{`${formatDateTime(item.doneAt)} ${item.doneByName ?? ''} 完成${item.note ? `：${item.note}` : ''}`}</Text>
        ) : null}
      </View>
      {props.canComplete ? (
        <Btn size="small" kind="primary" onClick={props.onComplete} className="plan__done">
          完成
        </Btn>
      ) : null}
    </View>
  );
}

/**
 * 一企一策: the leader, the team (lead unit and co-units) and the plan's items,
 * each with its owner unit, due date, overdue mark and done state; the owner
 * unit's staff complete their own items here.
 */
export function TicketPlan(props: { detail: TicketDetailResponse; now: number; refresh: () => Promise<unknown> }) {
  const { ticket: t, actions } = props.detail;
  const [focus, setFocus] = useState<string | undefined>(undefined);
  const plan = t.plan;
  if (!plan) return null;
  const user = currentUser();
  const myUnit = user?.unitId ?? getMe()?.unit?.id;
  const may = (i: PlanItem) => i.status === 'open' && actions.includes('itemDone') && (hasRole(user, 'supervisor') || i.ownerUnitId === myUnit);
  const done = plan.items.filter((i) => i.status === 'done').length;
  return (
    <Section title="办理方案" extra={<Text className="muted">{`${done}/${plan.items.length} 项完成`}</Text>}>
      <View className="card plan">
        {t.leader ? <Text className="plan__team">{`领办领导：${t.leader.name}`}</Text> : null}
        <Text className="plan__team">{`牵头单位：${plan.leadUnitName}`}</Text>
        {plan.coUnits.length ? <Text className="plan__team">{`协同单位：${plan.coUnits.map((c) => c.unitName).join('、')}`}</Text> : null}
        {plan.items.map((i) => (
          <ItemRow key={i.id} item={i} now={props.now} canComplete={may(i)} onComplete={() => setFocus(i.id)} />
        ))}
      </View>
      <CommandSheet
        ticket={t}
        type={focus ? 'itemDone' : undefined}
        focusItemId={focus}
        onClose={() => setFocus(undefined)}
        onDone={() => {
          setFocus(undefined);
          void props.refresh();
        }}
      />
    </Section>
  );
}
