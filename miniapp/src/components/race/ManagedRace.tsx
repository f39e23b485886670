import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { quarterLabel, type Race } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../api';
import { useLoader } from '../../lib/hooks';
import { toastError, toastOk } from '../../lib/toast';
import { Btn } from '../ui';

/** An open race as the supervisor runs it: who has voted so far, and the close that reveals the tally. */
export function ManagedRace(props: { race: Race; onClosed: () => void }) {
  const { race } = props;
  const detail = useLoader(() => api.race(race.id), '加载投票进度', { deps: [race.id] });
  const [closing, setClosing] = useState(false);
  const turnout = detail.data?.turnout;

  const close = async () => {
    const r = await Taro.showModal({
      title: `结束${quarterLabel(race.quarter)}投票？`,
      content: '结束后不能再投票，计票结果立即公布并永久保存。',
      confirmText: '结束并揭晓',
      cancelText: '再等等',
    });
    if (!r.confirm) return;
    setClosing(true);
    try {
      await api.closeRace(race.id);
      toastOk('已揭晓');
    } catch (e) {
      toastError(e, '结束投票');
    } finally {
      setClosing(false);
    }
    props.onClosed();
  };

  return (
    <View className="race-manage">
      <View className="kv">
        <Text className="kv__k race-manage__k">已投票</Text>
        <Text className="kv__v">{turnout ? `${turnout.ballots} 张（企业 ${turnout.enterprises}，单位 ${turnout.units}）` : '…'}</Text>
      </View>
      <View className="kv">
        <Text className="kv__k race-manage__k">候选</Text>
        <Text className="kv__v">
          部门 {race.tracks.department.units.length} 个、镇街 {race.tracks.township.units.length} 个单位，案例 {race.cases.length} 个
        </Text>
      </View>
      <Btn kind="warn" block loading={closing} onClick={() => void close()} className="race-close">
        结束投票并揭晓
      </Btn>
    </View>
  );
}
