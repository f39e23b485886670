import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LABELS, ROLES, type DevUser, type Role } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api, isApiError } from '../../api';
import { Avatar, Loading, Section } from '../../components/ui';
import { relaunch } from '../../lib/nav';
import { saveMe, saveSession } from '../../lib/session';
import { prefetchSubscriptions } from '../../lib/subscribe';
import { toastError } from '../../lib/toast';
import { WechatSignIn } from './WechatSignIn';

const ROLE_TONE: Record<Role, 'green' | 'blue' | 'orange' | 'gray' | 'purple'> = {
  owner: 'green',
  officer: 'blue',
  unitLead: 'blue',
  leader: 'purple',
  supervisor: 'orange',
  agent: 'orange',
  admin: 'gray',
  assessor: 'purple',
  operator: 'gray',
  province: 'purple',
};

/** Personas grouped by their first role, in the order of ROLES. */
export function groupByRole(users: readonly DevUser[]): Array<{ role: Role; users: DevUser[] }> {
  const groups = new Map<Role, DevUser[]>();
  for (const u of users) {
    const role = u.roles[0] ?? 'owner';
    groups.set(role, [...(groups.get(role) ?? []), u]);
  }
  return ROLES.filter((r) => groups.has(r)).map((r) => ({ role: r, users: groups.get(r) ?? [] }));
}

/** a persona's key: its user id, prefixed by its tenant when it is not the dev tenant's (ids repeat across tenants) */
const personaKey = (u: DevUser) => (u.tenantId ? `${u.tenantId}/${u.userId}` : u.userId);

type TokenAnswer = Awaited<ReturnType<typeof api.devLogin>>;

async function finishLogin(answer: TokenAnswer) {
  saveSession({ token: answer.token, expiresAt: answer.expiresAt, user: answer.user });
  try {
    saveMe(await api.me());
  } catch {
    // the home page loads the profile again
  }
  // the templates to ask for after raising or claiming (WeChat shows its dialog only from a tap)
  prefetchSubscriptions();
  relaunch('home');
}

export default function Login() {
  const isH5 = process.env.TARO_ENV === 'h5';
  // the invitation's QR code opens this page with `?invite=CODE`
  const invite = Taro.getCurrentInstance().router?.params?.invite;
  const [personas, setPersonas] = useState<DevUser[] | undefined>(undefined);
  const [devAvailable, setDevAvailable] = useState(true);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  useEffect(() => {
    api
      .devUsers()
      .then(setPersonas)
      .catch((e: unknown) => {
        setDevAvailable(false);
        // on H5 the persona list is the way in: say so; on weapp WeChat login remains
        if (isH5 && !(isApiError(e) && e.status === 404)) toastError(e, '加载演示账号');
      });
  }, [isH5]);

  const devLogin = async (u: DevUser) => {
    if (busy) return;
    setBusy(personaKey(u));
    try {
      await finishLogin(await api.devLogin(u.userId, u.tenantId));
    } catch (e) {
      toastError(e, '登录');
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View className="page login">
      <View className="login__hero">
        <View className="login__logo">
          <Text>哨</Text>
        </View>
        <Text className="login__title">企业吹哨 · 部门报到</Text>
        <Text className="login__sub">企业有诉求，一键吹哨；部门来认领，一办到底</Text>
      </View>

      {!isH5 ? <WechatSignIn {...(invite ? { invite } : {})} finish={finishLogin} /> : null}
      {isH5 && devAvailable ? <WechatSignIn simulated {...(invite ? { invite } : {})} finish={finishLogin} /> : null}

      {devAvailable ? (
        personas === undefined ? (
          <Loading text="正在加载演示账号…" />
        ) : (
          <View className="personas">
            <Text className="personas__tip">{isH5 ? '本地演示环境：选择一个身份登录' : '演示账号（本地环境）'}</Text>
            {groupByRole(personas).map((g) => (
              <Section key={g.role} title={LABELS.role[g.role]}>
                <View className="cells">
                  {g.users.map((u) => (
                    <View key={personaKey(u)} className="cell persona" data-user={personaKey(u)} onClick={() => void devLogin(u)}>
                      <Avatar name={u.name} tone={ROLE_TONE[g.role]} />
                      <View className="cell__main">
                        <Text className="cell__title">{u.name}</Text>
                        <Text className="cell__sub">
                          {[u.tenantName, u.title, u.unitName, u.enterpriseName].filter(Boolean).join(' · ') || LABELS.role[g.role]}
                        </Text>
                      </View>
                      <Text className="cell__arrow">{busy === personaKey(u) ? '登录中…' : '›'}</Text>
                    </View>
                  ))}
                </View>
              </Section>
            ))}
          </View>
        )
      ) : isH5 ? (
        <View className="login__wechat">
          <Text className="muted">无法获取演示账号，请确认本地服务已启动后刷新页面。</Text>
        </View>
      ) : null}
    </View>
  );
}
