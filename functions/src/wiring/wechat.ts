import { WechatStore } from '../store/wechat-store.js';
import { provide } from '../wiring.js';

/** WeChat accounts (invitations, openid links, consents, the tenant's templates), for sign-in, the wechat and platform functions and the notifier. */
provide('wechatAccounts', (store) => new WechatStore(store));
