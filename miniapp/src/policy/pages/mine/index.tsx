import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { policyApi } from '../../../api/policy';
import { LoadState } from '../../../components/LoadState';
import { useLoader, useNow } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser, hasRole } from '../../../lib/session';
import { EnterprisePicker } from '../../components/EnterprisePicker';
import { MineList } from '../../components/MineList';
import { ProfilePrompt } from '../../components/ProfilePrompt';
import { profileMissing } from '../../lib/access';
import { useEnterprise } from '../../lib/enterprise';
import { PROFILE_SAVED } from '../../lib/events';
import '../../policy.scss';

/** One enterprise's 我的政策: its profile's state, then its 专属 / 普惠 / 即将到期 policies with why each matches. */
function EnterprisePolicies(props: { enterpriseId: string | undefined; onChange?: (() => void) | undefined }) {
  const now = useNow(60_000);
  const { enterpriseId } = props;
  const mine = useLoader(() => policyApi.mine(enterpriseId), '加载我的政策', { deps: [enterpriseId] });
  const enterprise = useEnterprise(enterpriseId);
  const reloadMine = mine.reload;
  const reloadEnterprise = enterprise.reload;
  useEffect(() => {
    // a saved profile matches again: reload at once (the page may not be shown again before it is read)
    const again = () => {
      void reloadMine();
      void reloadEnterprise();
    };
    Taro.eventCenter.on(PROFILE_SAVED, again);
    return () => {
      Taro.eventCenter.off(PROFILE_SAVED, again);
    };
  }, [reloadMine, reloadEnterprise]);
  const editProfile = () => go('policyProfile', enterpriseId ? { enterpriseId } : {});
  const e = enterprise.data;
  return (
    <View className="page policy-mine">
      <LoadState loaded={mine} what="加载我的政策" fresh={(d) => !enterpriseId || d.enterpriseId === enterpriseId}>
        {(d) => (
          <View>
            <View className="policy-hero">
              <Text className="policy-hero__title">{d.enterpriseName}</Text>
              <Text className="policy-hero__sub">
                适合本企业的政策 {d.items.length} 项：专属 {d.items.filter((i) => i.match.kind === 'matched').length} 项，普惠{' '}
                {d.items.filter((i) => i.match.kind === 'universal').length} 项
              </Text>
              <View className="policy-hero__links">
                {e && !profileMissing(e) ? (
                  <Text className="link profile-link" onClick={editProfile}>
                    企业画像 ›
                  </Text>
                ) : null}
                {props.onChange ? (
                  <Text className="link" onClick={props.onChange}>
                    换一家企业 ›
                  </Text>
                ) : null}
                <Text className="link" onClick={() => go('policyCatalog')}>
                  政策超市 ›
                </Text>
              </View>
            </View>
            {e && profileMissing(e) ? <ProfilePrompt self={!enterpriseId} onEdit={editProfile} /> : null}
            <MineList items={d.items} now={now} />
          </View>
        )}
      </LoadState>
    </View>
  );
}

/**
 * 我的政策: an owner's own enterprise; a commissioner or grid officer opens it
 * with `?enterpriseId=`, or picks one of the enterprises they serve.
 */
export default function MyPolicies() {
  const { params } = useRouter();
  const owner = hasRole(currentUser(), 'owner');
  const [picked, setPicked] = useState<string | undefined>(params.enterpriseId || undefined);
  if (owner) return <EnterprisePolicies enterpriseId={undefined} />;
  if (!picked) {
    return (
      <View className="page policy-mine">
        <EnterprisePicker onPick={setPicked} />
      </View>
    );
  }
  return <EnterprisePolicies key={picked} enterpriseId={picked} onChange={() => setPicked(undefined)} />;
}
