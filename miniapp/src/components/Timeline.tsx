import { Text, View } from '@tarojs/components';
import { CLASS_LABELS, LABELS, LEVEL_LABELS, RATING_LABELS, type SupervisionLevel, type TicketClass, type TimelineEntry } from '@whistle/shared';
import { formatTime } from '../lib/format';
import { Avatar } from './ui';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Who said it, in the words the enterprise and the units use. */
export function actorName(e: TimelineEntry): string {
  const a = e.actor;
  if (a.role === 'owner') return a.name;
  // a resident commissioner speaking beside the enterprise (not for the handling unit)
  if (e.data?.commissioner === true) return `亲清特使 · ${a.name}${a.unitName ? `（${a.unitName}）` : ''}`;
  if (a.role === 'agent') return `在线客服 · ${a.name}`;
  if (a.role === 'leader') return `${a.name}（县领导）`;
  if (a.role === 'supervisor') return `督办 · ${a.name}`;
  return a.unitName ? `${a.unitName} · ${a.name}` : a.name;
}

/** A system line for the entries that are events rather than speech. */
export function eventText(e: TimelineEntry, names: { jointLead?: string | undefined } = {}): string | undefined {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'created':
      return `${e.actor.name} 提交了诉求`;
    case 'published':
      return '诉求已发到企业服务群，等待成员单位认领';
    case 'claimed':
      return `${str(d.unitName) ?? e.actor.unitName ?? '承办单位'} 已认领，一办到底`;
    case 'declined':
      return `${e.actor.unitName ?? e.actor.name} 说明不属本单位${e.text ? `：${e.text}` : ''}`;
    case 'assigned':
      return `督办人员将诉求指派给 ${str(d.unitName) ?? '承办单位'}`;
    case 'transferred':
      return `${e.actor.unitName ?? e.actor.name} 移交给 ${str(d.toUnitName) ?? '其他单位'}${e.text ? `：${e.text}` : ''}`;
    case 'jointStarted':
      return `启动联办，牵头单位 ${str(d.leadUnitName) ?? names.jointLead ?? e.actor.unitName ?? ''}`.trim();
    case 'taskDone':
      return `${e.actor.unitName ?? e.actor.name} 完成协办任务${e.text ? `：${e.text}` : ''}`;
    case 'leaderTook':
      return `${str(d.leaderName) ?? e.actor.name} 领办此事`;
    case 'rated': {
      const score = str(d.score) as keyof typeof RATING_LABELS | undefined;
      return `企业评价：${score && RATING_LABELS[score] ? RATING_LABELS[score] : ''}${e.text ? `，${e.text}` : ''}`;
    }
    case 'reopened':
      return `企业重新打开了诉求${e.text ? `：${e.text}` : ''}`;
    case 'deskForwarded':
      return `在线客服已转交相关部门${e.text ? `：${e.text}` : ''}`;
    case 'supervision': {
      const level = str(d.level) as SupervisionLevel | undefined;
      return `督办${level && LEVEL_LABELS[level] ? `（${LEVEL_LABELS[level]}）` : ''}${e.text ? `：${e.text}` : ''}`;
    }
    case 'classified': {
      const cls = str(d.class) as TicketClass | undefined;
      const from = str(d.from) as TicketClass | undefined;
      const label = (c: TicketClass | undefined) => (c && CLASS_LABELS[c]) || '';
      return `${actorName(e)} 将问题${from ? `由「${label(from)}」` : ''}分类为「${label(cls)}」${e.text ? `：${e.text}` : ''}`;
    }
    case 'planSet': {
      const items = Array.isArray(d.items) ? d.items.length : 0;
      return `${actorName(e)} 制定了办理方案（一企一策），${items} 个事项`;
    }
    case 'itemAdded':
      return `方案新增事项「${e.text ?? ''}」，${str(d.ownerUnitName) ?? '责任单位'} ${str(d.dueDate) ?? ''} 前完成`;
    case 'itemDone':
      return `${e.actor.unitName ?? e.actor.name} 完成方案事项「${str(d.title) ?? ''}」${e.text ? `：${e.text}` : ''}`;
    case 'itemRescheduled':
      return `督办人员将事项「${str(d.title) ?? ''}」时限由 ${str(d.from) ?? ''} 调整为 ${str(d.to) ?? ''}${e.text ? `：${e.text}` : ''}`;
    case 'commonIssueLinked':
      return `已纳入共性问题「${str(d.title) ?? ''}」统一解决，牵头单位 ${str(d.leadUnitName) ?? ''}，目标日期 ${str(d.targetDate) ?? ''}`;
    case 'commonIssueUnlinked':
      return `不再纳入共性问题「${str(d.title) ?? ''}」，恢复单独办理`;
    case 'commonIssueSolved':
      return `共性问题「${str(d.title) ?? ''}」已由 ${str(d.leadUnitName) ?? '牵头单位'} 统一解决`;
    case 'clockMet':
      return undefined;
    default:
      return undefined;
  }
}

const BUBBLE_LABEL: Partial<Record<TimelineEntry['kind'], string>> = {
  progress: '办理进展',
  infoRequested: '请补充材料',
  resolved: '办结答复',
  deskAnswered: '在线客服答复',
};

/** The conversation and the events of a ticket, like a chat: mine on the right. */
export function Timeline(props: { entries: readonly TimelineEntry[]; meId?: string; now?: number; jointLead?: string | undefined }) {
  const now = props.now ?? Date.now();
  return (
    <View className="timeline">
      {props.entries.map((e) => {
        const key = `${e.seq}`;
        const speech = e.kind === 'message' || e.kind in BUBBLE_LABEL;
        if (!speech) {
          const text = eventText(e, { jointLead: props.jointLead });
          if (!text) return null;
          return (
            <View key={key} className={`tl-event ${e.kind === 'supervision' ? 'tl-event--warn' : ''}`}>
              <Text className="tl-event__text">
                {text} · {formatTime(e.at, now)}
              </Text>
            </View>
          );
        }
        const mine = !!props.meId && e.actor.userId === props.meId;
        const label = BUBBLE_LABEL[e.kind];
        const kindLabel =
          e.kind === 'resolved' && e.data && str(e.data.kind) === 'answered'
            ? '办结（直接解答）'
            : e.kind === 'resolved'
              ? '办结（协调解决）'
              : label;
        return (
          <View key={key} className={`tl-msg ${mine ? 'tl-msg--mine' : ''}`}>
            <Avatar name={e.actor.role === 'owner' ? e.actor.name : (e.actor.unitName ?? e.actor.name)} tone={e.actor.role === 'owner' ? 'green' : e.actor.role === 'agent' ? 'orange' : 'blue'} small />
            <View className="tl-msg__col">
              <Text className="tl-msg__who">
                {actorName(e)} · {formatTime(e.at, now)}
              </Text>
              <View className={`tl-bubble ${mine ? 'tl-bubble--mine' : ''} ${label ? `tl-bubble--${e.kind}` : ''}`}>
                {kindLabel ? <Text className="tl-bubble__label">{kindLabel}</Text> : null}
                <Text className="tl-bubble__text">{e.text ?? ''}</Text>
              </View>
            </View>
          </View>
        );
      })}
    </View>
  );
}

export const roleLabel = (r: keyof typeof LABELS.role): string => LABELS.role[r];
