import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../../api';
import { ManagedRace } from '../../../components/race/ManagedRace';
import { OpenRaceForm } from '../../../components/race/OpenRaceForm';
import { RaceHead } from '../../../components/race/RaceHead';
import { TallyView } from '../../../components/race/TallyView';
import { Sheet } from '../../../components/Sheet';
import { Btn, Empty, Loading } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { toastOk } from '../../../lib/toast';

/** The supervisor's race: open a quarter's vote, follow the turnout, close it, and every quarter's tally kept. */
export default function RaceAdmin() {
  const races = useLoader(() => api.races(), '加载赛马比拼');
  const [opening, setOpening] = useState(false);
  const items = races.data?.items ?? [];
  return (
    <View className="page race-page">
      <View className="notice-bar">
        <Text>每季度由企业和单位投票，分部门、镇街两个赛道评选善作为、勇担当、服务优的五星单位，并评选最佳实践案例。</Text>
      </View>
      <View className="race-page__cta">
        <Btn kind="primary" block onClick={() => setOpening(true)} className="race-new">
          发起新一期赛马比拼
        </Btn>
      </View>
      {races.loading && !races.data ? (
        <Loading />
      ) : items.length ? (
        items.map((r) => (
          <View key={r.id} className="card race-card">
            <RaceHead race={r} />
            {r.status === 'open' ? <ManagedRace race={r} onClosed={() => void races.reload()} /> : r.tally ? <TallyView tally={r.tally} /> : null}
          </View>
        ))
      ) : (
        <Empty text="还没有赛马比拼" hint="点上方按钮发起本季度的投票" />
      )}
      <Sheet open={opening} title="发起赛马比拼" onClose={() => setOpening(false)}>
        <OpenRaceForm
          onOpened={() => {
            setOpening(false);
            toastOk('已发起');
            void races.reload();
          }}
        />
      </Sheet>
    </View>
  );
}
