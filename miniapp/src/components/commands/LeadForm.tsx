import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { OptionList } from '../Sheet';
import { Field } from '../ui';
import { FormShell } from './FormShell';
import { buildRequest, type FormProps } from './types';

/**
 * 领导领办: a supervisor picks the county leader; a leader (who is not also a
 * supervisor) takes the matter on themselves, already selected.
 */
export function LeadForm(props: FormProps<'lead'>) {
  const { me, leaders } = props.ctx;
  const [leaderUserId, setLeaderUserId] = useState<string | undefined>(me.isLeader && !me.isSupervisor ? me.userId : undefined);
  return (
    <FormShell
      type="lead"
      build={() => (leaderUserId ? buildRequest('lead', { leaderUserId }) : { error: '请选择领办领导' })}
      submit={props.submit}
    >
      {me.isSupervisor ? (
        <Field label="领办领导" required>
          <View className="form__scroll">
            <OptionList
              options={leaders.map((l) => ({ value: l.userId, label: l.name, ...(l.title ? { sub: l.title } : {}) }))}
              selected={leaderUserId ? [leaderUserId] : []}
              onToggle={setLeaderUserId}
              empty="正在加载领导名单…"
            />
          </View>
        </Field>
      ) : (
        <View className="task-brief">
          <Text>由您（{me.name}）领办此事：每月听取进展，每两个月现场办公，每季度评估。</Text>
        </View>
      )}
    </FormShell>
  );
}
