import { View } from '@tarojs/components';
import { api } from '../../../api';
import { RaceHead } from '../../../components/race/RaceHead';
import { TallyView } from '../../../components/race/TallyView';
import { VotePanel } from '../../../components/race/VotePanel';
import { Empty, Loading, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';

/**
 * 赛马比拼 for everyone of the district: owners vote for their enterprise and
 * unit leads for their unit while a race is open; every quarter's result
 * stays here once revealed.
 */
export default function RaceVote() {
  const races = useLoader(() => api.races(), '加载赛马比拼');
  const items = races.data?.items ?? [];
  const open = items.filter((r) => r.status === 'open');
  const closed = items.filter((r) => r.status === 'closed');
  if (races.loading && !races.data) return <Loading />;
  return (
    <View className="page race-page">
      <Section title="正在投票">
        {open.length ? (
          open.map((r) => (
            <View key={r.id} className="card race-card">
              <RaceHead race={r} />
              <VotePanel race={r} onChanged={() => void races.reload()} />
            </View>
          ))
        ) : (
          <Empty text="当前没有进行中的投票" hint="督办部门发起本季度赛马比拼后，可在这里投票" />
        )}
      </Section>
      {closed.length ? (
        <Section title="往期结果">
          {closed.map((r) => (
            <View key={r.id} className="card race-card">
              <RaceHead race={r} />
              {r.tally ? <TallyView tally={r.tally} /> : null}
            </View>
          ))}
        </Section>
      ) : null}
    </View>
  );
}
