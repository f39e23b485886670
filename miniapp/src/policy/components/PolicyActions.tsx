import { View } from '@tarojs/components';
import type { Policy, User } from '@whistle/shared';
import { Btn } from '../../components/ui';
import { mayConsult, mayManagePolicy } from '../lib/access';

/**
 * A policy's buttons: an owner's 我要申报/咨询 (a published policy); its
 * unit's staff and the supervisor: 编辑 (not once retired), 发布 (a draft), 下架
 * (a published one, with a reason).
 */
export function PolicyActions(props: {
  policy: Policy;
  user: User | undefined;
  busy?: boolean;
  onConsult: () => void;
  onEdit: () => void;
  onPublish: () => void;
  onRetire: () => void;
}) {
  const p = props.policy;
  const consult = mayConsult(props.user) && p.status === 'published';
  const manage = mayManagePolicy(props.user, p);
  if (!consult && !manage) return null;
  return (
    <View className="policy-actions">
      {manage && p.status !== 'retired' ? (
        <Btn className="policy-edit" onClick={props.onEdit}>
          编辑
        </Btn>
      ) : null}
      {manage && p.status === 'draft' ? (
        <Btn kind="primary" className="policy-publish" loading={props.busy} onClick={props.onPublish}>
          发布
        </Btn>
      ) : null}
      {manage && p.status === 'published' ? (
        <Btn kind="warn" className="policy-retire" onClick={props.onRetire}>
          下架
        </Btn>
      ) : null}
      {consult ? (
        <Btn kind="primary" size="large" block className="policy-consult" onClick={props.onConsult} a11yLabel={`就“${p.title}”申报或咨询`}>
          我要申报/咨询
        </Btn>
      ) : null}
    </View>
  );
}
