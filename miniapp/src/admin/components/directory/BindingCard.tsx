import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { Btn, Chip } from '../../../components/ui';
import { replaceWith } from '../../../lib/nav';
import { toastError, toastOk } from '../../../lib/toast';

/** A user's WeChat binding: bound or not; 解除绑定 (the next sign-in with that WeChat is refused); 发放邀请码. */
export function BindingCard(props: { userId: string; name: string; bound: boolean }) {
  const [bound, setBound] = useState(props.bound);
  const [busy, setBusy] = useState(false);
  const unbind = async () => {
    const ok = await Taro.showModal({ title: '解除绑定', content: `解除「${props.name}」的微信绑定？解除后需重新邀请才能用微信登录。` });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      await adminApi.unbind(props.userId);
      setBound(false);
      toastOk('已解除绑定');
    } catch (e) {
      toastError(e, '解除绑定');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="ccard binding-card" data-bound={String(bound)}>
      <View className="invitation-card__head">
        <Text>微信绑定</Text>
        <Chip tone={bound ? 'ok' : 'muted'}>{bound ? '已绑定' : '未绑定'}</Chip>
      </View>
      <View className="row-actions">
        {bound ? (
          <Btn size="small" kind="warn" className="binding-unbind" loading={busy} onClick={() => void unbind()}>
            解除绑定
          </Btn>
        ) : null}
        <Btn size="small" className="binding-invite" onClick={() => replaceWith('adminInvitations', { user: props.userId })}>
          发放邀请码
        </Btn>
      </View>
    </View>
  );
}
