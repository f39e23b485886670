import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Contact } from '@whistle/shared';
import { Avatar, Btn } from '../../components/ui';
import { toastInfo } from '../../lib/toast';

/** The policy's named contact (首问负责人): whoever asks about it, they answer first; one tap calls them. */
export function PolicyContact(props: { contact: Contact; unitName: string; compact?: boolean }) {
  const c = props.contact;
  const call = () => {
    Taro.makePhoneCall({ phoneNumber: c.phone.replace(/[\s-]/g, '') }).catch(() => toastInfo(`请拨打 ${c.phone}`));
  };
  return (
    <View className={`card contact policy-contact ${props.compact ? 'policy-contact--compact' : ''}`}>
      <Avatar name={c.name} tone="blue" />
      <View className="contact__main">
        <Text className="contact__role">首问负责人 · {props.unitName}</Text>
        <Text className="contact__name">{c.name}</Text>
        {props.compact ? null : <Text className="contact__duty">政策咨询由其首先答复</Text>}
        <Text className="contact__phone">{c.phone}</Text>
      </View>
      <Btn kind="primary" size="small" onClick={call} className="call-btn" a11yLabel={`拨打首问负责人 ${c.name} 的电话 ${c.phone}`}>
        拨打
      </Btn>
    </View>
  );
}
