import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Policy, PolicyInput } from '@whistle/shared';
import { useEffect } from 'react';
import { policyApi } from '../../../api/policy';
import { LoadState } from '../../../components/LoadState';
import { Empty } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { replaceWith } from '../../../lib/nav';
import { currentUser, hasRole } from '../../../lib/session';
import { toastOk } from '../../../lib/toast';
import { PolicyEditor } from '../../components/PolicyEditor';
import { mayManagePolicy, mayWritePolicies } from '../../lib/access';
import { POLICY_CHANGED } from '../../lib/events';
import { emptyPolicyForm, formOfPolicy } from '../../lib/form';
import { useUnits } from '../../lib/units';
import '../../policy.scss';

/** Written: the lists and the policy's page load again; a new draft opens on its page (to publish it there). */
function saved(policy: Policy, created: boolean) {
  Taro.eventCenter.trigger(POLICY_CHANGED, policy);
  toastOk(created ? '草稿已保存' : '已保存');
  if (created) replaceWith('policyDetail', { id: policy.id });
  else void Taro.navigateBack();
}

function EditPolicy(props: { id: string }) {
  const me = currentUser();
  const supervisor = hasRole(me, 'supervisor');
  const units = useUnits(true);
  const loaded = useLoader(async () => (await policyApi.get(props.id)).policy, '加载政策', { deps: [props.id], reloadOnShow: false });
  const submit = (rev: number) => async (input: PolicyInput) => saved((await policyApi.edit(props.id, { ...input, rev })).policy, false);
  return (
    <LoadState loaded={loaded} what="加载政策" fresh={(p) => p.id === props.id}>
      {(p) =>
        mayManagePolicy(me, p) ? (
          <PolicyEditor key={`${p.id}-${p.rev}`} initial={formOfPolicy(p)} me={me} pickUnit={supervisor} units={units} label="保存修改" submit={submit(p.rev)} />
        ) : (
          <Empty text="只有政策的责任单位和督办人员可以编辑" />
        )
      }
    </LoadState>
  );
}

/** The policy editor: `?id=` edits a policy (conditional on its revision), none writes a new draft. */
export default function EditPage() {
  const { params } = useRouter();
  const me = currentUser();
  const supervisor = hasRole(me, 'supervisor');
  const units = useUnits(!params.id);
  useEffect(() => {
    if (!params.id) void Taro.setNavigationBarTitle({ title: '新建政策' });
  }, [params.id]);
  if (!mayWritePolicies(me)) return <Empty text="只有单位工作人员和督办人员可以编写政策" />;
  return (
    <View className="page policy-edit">
      {params.id ? (
        <EditPolicy id={params.id} />
      ) : (
        <PolicyEditor initial={emptyPolicyForm()} me={me} pickUnit={supervisor} units={units} label="保存草稿" submit={async (input) => saved((await policyApi.create(input)).policy, true)} />
      )}
    </View>
  );
}
