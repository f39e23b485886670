import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { EnterpriseProfileBody } from '@whistle/shared';
import { policyApi } from '../../../api/policy';
import { LoadState } from '../../../components/LoadState';
import { Empty } from '../../../components/ui';
import { getMe, saveMe } from '../../../lib/session';
import { toastOk } from '../../../lib/toast';
import { ProfileEditor } from '../../components/ProfileEditor';
import { useEnterprise } from '../../lib/enterprise';
import { PROFILE_SAVED } from '../../lib/events';
import '../../policy.scss';

/**
 * The enterprise profile (企业画像) policies match on: the owner's own, or
 * (`?enterpriseId=`) one its grid officer or commissioner serves. Saved, 我的政策
 * matches again.
 */
export default function ProfilePage() {
  const { params } = useRouter();
  const enterpriseId = params.enterpriseId || undefined;
  const enterprise = useEnterprise(enterpriseId);
  const save = async (id: string, body: EnterpriseProfileBody) => {
    const r = await policyApi.saveProfile(id, body);
    const me = getMe();
    if (me?.enterprise?.id === r.enterprise.id) saveMe({ ...me, enterprise: r.enterprise });
    Taro.eventCenter.trigger(PROFILE_SAVED, r.enterprise);
    toastOk('企业画像已保存');
    void Taro.navigateBack();
  };
  return (
    <View className="page policy-profile">
      <LoadState loaded={enterprise} what="加载企业信息">
        {(e) => (e ? <ProfileEditor enterprise={e} save={(body) => save(e.id, body)} /> : <Empty text="找不到这家企业" hint="只能编辑本企业或您服务的企业" />)}
      </LoadState>
    </View>
  );
}
