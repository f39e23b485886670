import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Ticket } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../api';
import { currentUser, hasRole } from '../../lib/session';
import { toastError, toastInfo } from '../../lib/toast';
import { Btn } from '../ui';

/** The message box at the bottom of a ticket: type, send (留言), then `onSent` refreshes. */
export function Composer(props: { ticket: Ticket; onSent: () => Promise<unknown> }) {
  const t = props.ticket;
  const user = currentUser();
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);

  const send = async () => {
    const text = draft.trim();
    if (!text || sending) {
      if (!text) toastInfo('请先输入留言内容');
      return;
    }
    setSending(true);
    try {
      await api.command(t.id, { type: 'message', text });
      setDraft('');
      await props.onSent();
      setTimeout(() => void Taro.pageScrollTo({ scrollTop: 1_000_000, duration: 200 }).catch(() => undefined), 50);
    } catch (e) {
      toastError(e, '发送留言');
    } finally {
      setSending(false);
    }
  };

  const placeholder = hasRole(user, 'owner')
    ? '给承办单位留言…'
    : user?.unitId && user.unitId === t.handlingUnitId
      ? '回复企业…'
      : '留言…';
  return (
    <View className="composer">
      <Input
        className="composer__input"
        value={draft}
        placeholder={placeholder}
        confirmType="send"
        onInput={(e) => setDraft(e.detail.value)}
        onConfirm={() => void send()}
      />
      <Btn kind="primary" size="small" loading={sending} onClick={() => void send()} className="composer__send">
        发送
      </Btn>
    </View>
  );
}
