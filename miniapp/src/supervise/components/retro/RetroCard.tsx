import { Text, View } from '@tarojs/components';
import { FINDING_TAG_LABELS, FINDING_TAGS, RETROSPECTIVE_STATUS_LABELS, type Retrospective } from '@whistle/shared';
import { Btn, Chip } from '../../../components/ui';
import { RetroTask } from './RetroTask';

/** What the card needs to let a task's owner unit mark it done (absent: tasks are shown only). */
export interface TaskDoing {
  now: string;
  mayComplete: (ownerUnitId: string) => boolean;
  busyItemId: string | undefined;
  onDone: (itemId: string) => void;
}

/** One retrospective in a ticket's list: its title, status, units, findings by tag, tasks (done by their owner units), and 下载 Word. */
export function RetroCard(props: { retro: Retrospective; downloading: boolean; onDownload: () => void; tasks?: TaskDoing }) {
  const r = props.retro;
  const byTag = FINDING_TAGS.map((tag) => [FINDING_TAG_LABELS[tag], r.findings.filter((f) => f.tag === tag).length] as const).filter(([, n]) => n > 0);
  return (
    <View className="card retro-card">
      <View className="retro-card__head">
        <Text className="retro-card__title">{r.title}</Text>
        <Chip tone={r.status === 'issued' ? 'done' : 'muted'}>{RETROSPECTIVE_STATUS_LABELS[r.status]}</Chip>
      </View>
      <Text className="muted retro-card__units">{`参与单位：${r.units.map((u) => u.unitName).join('、')}`}</Text>
      <Text className="retro-card__findings">{byTag.length ? byTag.map(([label, n]) => `${label} ${n} 条`).join(' · ') : '暂无发现的问题'}</Text>
      {r.plan.items.map((i) => (
        <RetroTask
          key={i.id}
          item={i}
          now={props.tasks?.now ?? ''}
          // a draft's tasks are proposals: done once it is issued
          mayComplete={r.status === 'issued' && (props.tasks?.mayComplete(i.ownerUnitId) ?? false)}
          busy={props.tasks?.busyItemId === i.id}
          onDone={() => props.tasks?.onDone(i.id)}
        />
      ))}
      <Btn size="small" className="retro-card__download" loading={props.downloading} onClick={props.onDownload}>
        下载 Word
      </Btn>
    </View>
  );
}
