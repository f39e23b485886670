import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PolicyResponse } from '@whistle/shared';
import { useState } from 'react';
import { policyApi } from '../../../api/policy';
import { LoadState } from '../../../components/LoadState';
import { Sheet } from '../../../components/Sheet';
import { Btn, Empty, Section } from '../../../components/ui';
import { useLoader, useNow } from '../../../lib/hooks';
import { go } from '../../../lib/nav';
import { currentUser, hasRole } from '../../../lib/session';
import { toastError, toastOk } from '../../../lib/toast';
import { ConditionsView } from '../../components/ConditionsView';
import { MatchView } from '../../components/MatchView';
import { PolicyActions } from '../../components/PolicyActions';
import { PolicyContact } from '../../components/PolicyContact';
import { PolicyHead } from '../../components/PolicyHead';
import { PolicyText } from '../../components/PolicyText';
import { RetireForm } from '../../components/RetireForm';
import { POLICY_CHANGED } from '../../lib/events';
import { namesOf, useUnits } from '../../lib/units';
import '../../policy.scss';

function PolicyPage(props: { id: string }) {
  const now = useNow(60_000);
  const user = currentUser();
  const loaded = useLoader(() => policyApi.get(props.id), '加载政策', { deps: [props.id] });
  const units = useUnits(!hasRole(user, 'owner') && !!loaded.data?.policy.conditions.townUnitIds?.length);
  const [retiring, setRetiring] = useState(false);
  const [publishing, setPublishing] = useState(false);
  /** a change answers the policy (the match stays the enterprise's) */
  const changed = (r: PolicyResponse) => {
    loaded.setData((d) => ({ policy: r.policy, ...((r.match ?? d?.match) ? { match: r.match ?? d?.match } : {}) }));
    Taro.eventCenter.trigger(POLICY_CHANGED, r.policy);
  };
  const publish = async () => {
    const ok = await Taro.showModal({ title: '发布政策', content: '发布后政策进入政策超市，并推送给符合条件的企业（每家只推送一次）。确定发布？', confirmText: '发布' });
    if (!ok.confirm) return;
    setPublishing(true);
    try {
      changed(await policyApi.publish(props.id));
      toastOk('已发布');
    } catch (e) {
      toastError(e, '发布');
    } finally {
      setPublishing(false);
    }
  };
  const retire = async (reason: string) => {
    changed(await policyApi.retire(props.id, reason));
    setRetiring(false);
    toastOk('已下架');
  };
  return (
    <View className="page policy-detail">
      <LoadState loaded={loaded} what="加载政策" fresh={(d) => d.policy.id === props.id}>
        {(d) => (
          <View>
            <PolicyHead policy={d.policy} now={now} match={d.match} />
            {d.match ? (
              <Section title="与本企业的匹配">
                <View className="card">
                  <MatchView match={d.match} />
                </View>
              </Section>
            ) : null}
            <PolicyActions
              policy={d.policy}
              user={user}
              busy={publishing}
              onConsult={() => go('ownerNew', { policyId: d.policy.id })}
              onEdit={() => go('policyEdit', { id: d.policy.id })}
              onPublish={() => void publish()}
              onRetire={() => setRetiring(true)}
            />
            <PolicyText policy={d.policy} />
            <Section title="申报条件">
              <View className="card">
                <ConditionsView conditions={d.policy.conditions} townNames={namesOf(units)} />
              </View>
            </Section>
            <Section title="有疑问，找首问负责人">
              <PolicyContact contact={d.policy.contact} unitName={d.policy.unitName} />
            </Section>
          </View>
        )}
      </LoadState>
      <Sheet open={retiring} title="下架政策" onClose={() => setRetiring(false)}>
        {retiring && loaded.data ? <RetireForm title={loaded.data.policy.title} submit={retire} /> : null}
      </Sheet>
    </View>
  );
}

/** A policy's page (政策详情): `?id=` from the catalogue, 我的政策, a suggestion or a pushed notification. */
export default function PolicyDetail() {
  const { params } = useRouter();
  if (!params.id) {
    return (
      <Empty text="没有指定政策" hint="请从政策超市或“我的政策”打开">
        <Btn size="small" onClick={() => go('policyCatalog')}>
          去政策超市
        </Btn>
      </Empty>
    );
  }
  return <PolicyPage id={params.id} />;
}
