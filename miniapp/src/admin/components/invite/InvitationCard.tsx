import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { InvitationView } from '@whistle/shared';
import { Btn, Chip } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { QrCode } from './QrCode';

export const STATUS_TONE = { pending: 'ok', used: 'done', expired: 'muted', revoked: 'danger' } as const;

/** One invitation as the person receives it: the QR code (opens the login page with the code), the code to type, copy, revoke. */
export function InvitationCard(props: { invitation: InvitationView; busy?: boolean; onRevoke?: () => void }) {
  const inv = props.invitation;
  const copy = () => void Taro.setClipboardData({ data: `${inv.userName} 的企业吹哨邀请码：${inv.display}（${formatDateTime(inv.expiresAt)} 前有效）` });
  return (
    <View className="ccard invitation-card" data-code={inv.code}>
      <View className="invitation-card__head">
        <Text className="ccard__title">{inv.userName}</Text>
        <Chip tone={STATUS_TONE[inv.status]}>{inv.statusLabel}</Chip>
      </View>
      {inv.status === 'pending' ? <QrCode text={inv.path} /> : null}
      <Text className="invitation-card__code mono">{inv.display}</Text>
      <Text className="kv muted">有效期至 {formatDateTime(inv.expiresAt)} · 一次有效</Text>
      {inv.status === 'pending' ? (
        <View className="row-actions">
          <Btn size="small" className="invitation-copy" onClick={copy}>
            复制邀请码
          </Btn>
          {props.onRevoke ? (
            <Btn size="small" kind="warn" className="invitation-revoke" loading={props.busy} onClick={props.onRevoke}>
              作废
            </Btn>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
