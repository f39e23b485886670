import { Input, Text, View } from '@tarojs/components';
import type { User } from '@whistle/shared';
import { Field } from '../../../components/ui';
import type { FieldGroupProps } from './types';

/** The named contact who must answer questions on the policy (首问负责人): a name and a phone, or the writer in one tap. */
export function ContactFields({ form, errors, set, me }: FieldGroupProps & { me: User | undefined }) {
  const mine = me?.phone ? { contactName: me.name, contactPhone: me.phone, contactUserId: me.id } : undefined;
  return (
    <View>
      <Field
        label="首问负责人"
        required
        error={errors['contact.name'] ?? errors.contact}
        hint={
          mine ? (
            <Text className="link contact-me" onClick={() => set(mine, 'contact.name')}>
              由我负责
            </Text>
          ) : undefined
        }
      >
        <Input
          className="input policy-contact-name"
          value={form.contactName}
          maxlength={40}
          placeholder="负责答复咨询的人的姓名"
          ariaLabel="首问负责人姓名"
          onInput={(e) => set({ contactName: e.detail.value, contactUserId: undefined }, 'contact.name')}
        />
      </Field>
      <Field label="联系电话" required error={errors['contact.phone']}>
        <Input
          className="input policy-contact-phone"
          value={form.contactPhone}
          maxlength={20}
          placeholder="如：0571-8888 1234"
          ariaLabel="首问负责人电话"
          onInput={(e) => set({ contactPhone: e.detail.value, contactUserId: undefined }, 'contact.phone')}
        />
      </Field>
    </View>
  );
}
