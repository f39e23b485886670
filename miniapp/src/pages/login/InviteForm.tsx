import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Btn, Field } from '../../components/ui';

/**
 * The invitation code (邀请码) a person types the first time they sign in
 * with WeChat: their administrator gave it to them (or its QR code, which
 * opens this page with it filled in). `openId`: the simulated sign-in on the
 * local H5 page also asks for a test openid.
 */
export function InviteForm(props: { initial?: string; simulated?: boolean; busy: boolean; error?: string; onSubmit: (invitation: string, openId: string) => void }) {
  const [code, setCode] = useState(props.initial ?? '');
  const [openId, setOpenId] = useState('o-demo-1');
  // simulated: an openid already bound signs in without a code
  const ready = props.simulated ? openId.trim().length > 0 : code.trim().length > 0;
  return (
    <View className="invite-form">
      <Text className="muted">{props.simulated ? '本地演示：模拟微信登录（无需小程序 AppID）' : '首次使用微信登录，请输入管理员发给您的邀请码完成绑定'}</Text>
      {props.simulated ? (
        <Field label="测试 openid">
          <Input className="input invite-form__openid" value={openId} maxlength={64} placeholder="如 o-demo-1" onInput={(e) => setOpenId(e.detail.value)} />
        </Field>
      ) : null}
      <Field label={props.simulated ? '邀请码（首次绑定时填写）' : '邀请码'} error={props.error}>
        <Input className="input invite-form__code" value={code} maxlength={16} placeholder="如 ABCDE-FGHJK" onInput={(e) => setCode(e.detail.value)} />
      </Field>
      <Btn kind="primary" block loading={props.busy} disabled={!ready} onClick={() => props.onSubmit(code.trim(), openId.trim())}>
        {props.simulated ? '模拟微信登录' : '绑定并登录'}
      </Btn>
    </View>
  );
}
