import Taro from '@tarojs/taro';
import type { MeResponse, Role, User } from '@whistle/shared';
import { readStore, removeStore, STORE_KEYS, writeStore } from './storage';

export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

export const getSession = (): Session | undefined => {
  const s = readStore<Session>(STORE_KEYS.session);
  if (!s || typeof s.token !== 'string' || !s.token) return undefined;
  if (s.expiresAt && Date.parse(s.expiresAt) < Date.now()) return undefined;
  return s;
};

export const getToken = (): string | undefined => getSession()?.token;

export function saveSession(session: Session): void {
  writeStore(STORE_KEYS.session, session);
  removeStore(STORE_KEYS.me);
}

export function clearSession(): void {
  removeStore(STORE_KEYS.session);
  removeStore(STORE_KEYS.me);
}

export const getMe = (): MeResponse | undefined => readStore<MeResponse>(STORE_KEYS.me);
export const saveMe = (me: MeResponse): void => writeStore(STORE_KEYS.me, me);

/** The signed-in user, from the cached profile or the token response. */
export const currentUser = (): User | undefined => getMe()?.user ?? getSession()?.user;

export const hasRole = (user: Pick<User, 'roles'> | undefined, ...roles: Role[]): boolean =>
  !!user && roles.some((r) => user.roles.includes(r));

export const LOGIN_URL = '/pages/login/index';

let redirecting = false;
/** The token is missing or expired: back to sign-in (once, however many requests fail). */
export function redirectToLogin(): void {
  if (redirecting) return;
  redirecting = true;
  clearSession();
  setTimeout(() => {
    void Taro.reLaunch({ url: LOGIN_URL }).finally(() => {
      redirecting = false;
    });
  }, 0);
}
