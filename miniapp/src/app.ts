import './lib/polyfill';
import Taro, { useDidShow, useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { flushOutbox, listOutbox } from './lib/outbox';
import { getToken } from './lib/session';
import { keepRootSize } from './lib/root-size';
import './app.scss';

// H5: the rem root size, set by the bundle (the CSP refuses Taro's inline script)
if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') keepRootSize(window);

/** Sends what the outbox holds when there is a chance the network is back. */
function flushQuietly(): void {
  if (!getToken() || !listOutbox().length) return;
  void flushOutbox().then((sent) => {
    if (sent.length) void Taro.showToast({ title: `离线保存的 ${sent.length} 条诉求已提交`, icon: 'none', duration: 2500 });
  });
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    Taro.onNetworkStatusChange((r) => {
      if (r.isConnected) flushQuietly();
    });
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      window.addEventListener('online', flushQuietly);
    }
    // belt and braces: some networks come back without telling anyone
    setInterval(flushQuietly, 30_000);
  });
  useDidShow(flushQuietly);
  return children;
}

export default App;
