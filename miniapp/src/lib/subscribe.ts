import Taro from '@tarojs/taro';
import type { SubscribeMoment } from '@whistle/shared';
import { api } from '../api';
import { newIdempotencyKey } from './outbox';

/**
 * Subscribe messages the WeChat way: each template accepted in
 * wx.requestSubscribeMessage gives one message, so the app asks at the
 * moments a person wants to hear back (after raising a request; after
 * claiming one) and tells the API what was accepted. WeChat only shows the
 * dialog from a tap, so the templates are fetched ahead and the dialog is
 * opened first thing in the tap's handler. On H5 there is no such API: skipped.
 */
let moments: Record<SubscribeMoment, string[]> | undefined;

const supported = (): boolean => process.env.TARO_ENV === 'weapp' && typeof Taro.requestSubscribeMessage === 'function';

/** Loads which templates to ask for (after sign-in, and again after each ask). */
export function prefetchSubscriptions(): void {
  if (!supported()) return;
  api
    .subscriptions()
    .then((r) => {
      moments = r.moments;
    })
    .catch(() => undefined);
}

/** Opens WeChat's consent dialog for the moment's templates and records the answer; never fails the tap's own work. */
export function askSubscribe(moment: SubscribeMoment): void {
  if (!supported()) return;
  const tmplIds = moments?.[moment] ?? [];
  if (tmplIds.length === 0) {
    prefetchSubscriptions();
    return;
  }
  Taro.requestSubscribeMessage({ tmplIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)
    .then((res) => {
      const results = Object.fromEntries(Object.entries(res as unknown as Record<string, unknown>).flatMap(([k, v]) => (tmplIds.includes(k) && typeof v === 'string' ? [[k, v]] : [])));
      return api.recordSubscriptions(results, newIdempotencyKey());
    })
    .catch(() => undefined)
    .finally(prefetchSubscriptions);
}
