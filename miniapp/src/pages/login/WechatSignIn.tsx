import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, isApiError } from '../../api';
import { Btn } from '../../components/ui';
import { toastError, toastInfo } from '../../lib/toast';
import { InviteForm } from './InviteForm';

type TokenAnswer = Awaited<ReturnType<typeof api.wechatLogin>>;

/** the message of a 400 naming the invitation (unknown, used, expired, revoked) */
const invitationProblem = (e: unknown): string | undefined =>
  isApiError(e) && e.status === 400 && Array.isArray(e.details) && (e.details as Array<{ field?: string }>).some((d) => d.field === 'invitation') ? e.message : undefined;

/**
 * Signing in with WeChat: `wx.login` → `POST /api/auth/wechat {code}`; a
 * WeChat not bound yet (403) asks for the invitation code, which the QR
 * code's link (`?invite=`) fills in, and sends `{code, invitation}`. On the
 * local H5 page (`simulated`) the login code comes from the stack's WeChat
 * double for a chosen test openid.
 */
export function WechatSignIn(props: { invite?: string; simulated?: boolean; finish: (answer: TokenAnswer) => Promise<void> }) {
  const [needInvite, setNeedInvite] = useState(Boolean(props.invite) || Boolean(props.simulated));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const signIn = async (invitation?: string, openId?: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const code = props.simulated ? (await api.devWechatCode(openId ?? '')).code : (await Taro.login()).code;
      await props.finish(await api.wechatLogin(code, invitation || undefined));
    } catch (e) {
      const problem = invitationProblem(e);
      if (problem) setError(problem);
      else if (isApiError(e) && e.status === 403) {
        setNeedInvite(true);
        if (invitation === undefined) toastInfo('首次登录请输入邀请码');
        else setError(e.message);
      } else if (isApiError(e) && (e.status === 404 || e.code === 'NOT_CONFIGURED')) toastInfo('微信登录暂未开通，请联系管理员');
      else toastError(e, '微信登录');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="login__wechat">
      {props.simulated ? null : (
        <Btn kind="primary" size="large" block loading={busy && !needInvite} onClick={() => void signIn()}>
          微信一键登录
        </Btn>
      )}
      {needInvite ? (
        <InviteForm
          {...(props.invite ? { initial: props.invite } : {})}
          {...(props.simulated ? { simulated: true } : {})}
          busy={busy}
          {...(error ? { error } : {})}
          onSubmit={(invitation, openId) => void signIn(invitation, openId)}
        />
      ) : null}
    </View>
  );
}
