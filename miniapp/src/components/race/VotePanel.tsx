import { Text, View } from '@tarojs/components';
import type { BallotPicks, Race } from '@whistle/shared';
import { api, isApiError } from '../../api';
import { useLoader } from '../../lib/hooks';
import { toastError, toastOk } from '../../lib/toast';
import { Loading } from '../ui';
import { BallotForm } from './BallotForm';
import { BallotSummary } from './BallotSummary';

/**
 * An open race as a voter sees it: the ballot to cast, or the one their
 * enterprise or unit cast; people who do not vote are told who does.
 */
export function VotePanel(props: { race: Race; onChanged: () => void }) {
  const detail = useLoader(() => api.race(props.race.id), '加载投票', { deps: [props.race.id] });
  const d = detail.data;
  if (!d) return detail.loading ? <Loading /> : null;

  const cast = async (picks: BallotPicks) => {
    try {
      await api.castBallot(d.race.id, picks);
      toastOk('投票成功');
    } catch (e) {
      toastError(e, '投票');
      // voted meanwhile (another device, a colleague) or the vote ended: show what is so now
      if (!isApiError(e) || e.status !== 409) return;
      props.onChanged();
    }
    await detail.reload();
  };

  if (d.ballot) return <BallotSummary race={d.race} ballot={d.ballot} />;
  if (!d.voter) {
    return (
      <View className="ballot">
        <Text className="muted">由各企业负责人（代表本企业）和各单位负责人（代表本单位）投票，结果在投票结束后公布。</Text>
      </View>
    );
  }
  if (d.race.status !== 'open') return null;
  return <BallotForm race={d.race} voter={d.voter} onCast={cast} />;
}
