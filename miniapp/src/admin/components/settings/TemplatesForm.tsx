import { Input, Text, View } from '@tarojs/components';
import { fieldIssues, WECHAT_EVENT_LABELS, WECHAT_EVENTS, WechatTemplatesBody, type WechatEvent } from '@whistle/shared';
import { useState } from 'react';
import { adminApi } from '../../../api/admin';
import { FormFooter } from '../../../components/FormFooter';
import { issueErrors } from '../../../lib/form-errors';
import { toastOk } from '../../../lib/toast';
import { useFieldForm } from '../../../lib/useFieldForm';

const FIELDS = WECHAT_EVENTS.map((e) => `templates.${e}`);

/**
 * 订阅消息模板: the district's own template id per event, from its mini-program's
 * MP console; an empty one falls back to the deployment's (shown as placeholder).
 */
export function TemplatesForm(props: { templates: Record<string, string>; defaults: Record<string, string>; onSaved: (t: Record<string, string>) => void }) {
  const [templates, setTemplates] = useState<Record<string, string>>(props.templates);
  const { errors, setErrors, clear, busy, send } = useFieldForm(FIELDS, '保存订阅消息模板');
  const set = (e: WechatEvent, v: string) => {
    setTemplates({ ...templates, [e]: v.trim() });
    clear(`templates.${e}`);
  };
  const submit = () => {
    const own = Object.fromEntries(Object.entries(templates).filter(([, v]) => v !== ''));
    const checked = WechatTemplatesBody.safeParse({ templates: own });
    if (!checked.success) return setErrors(issueErrors(fieldIssues(checked.error), FIELDS));
    return send(async () => {
      const r = await adminApi.putWechatTemplates(checked.data);
      props.onSaved(r.templates);
      toastOk('已保存');
    });
  };
  return (
    <View className="ccard templates-form">
      <Text className="ccard__title">订阅消息模板</Text>
      <Text className="kv muted">填写本区小程序在微信公众平台申请的模板 ID；留空则使用部署的默认模板。</Text>
      {WECHAT_EVENTS.map((e) => {
        const error = errors.fields[`templates.${e}`];
        return (
          <View key={e} className={`rule-row ${error ? 'field--error' : ''}`} data-event={e}>
            <Text className="rule-row__label">{WECHAT_EVENT_LABELS[e]}</Text>
            <Input className="input template-id" value={templates[e] ?? ''} placeholder={props.defaults[e] ?? '未配置'} onInput={(x) => set(e, x.detail.value)} />
            {error ? <Text className="field__error">{error}</Text> : null}
          </View>
        );
      })}
      <FormFooter error={errors.other} busy={busy} label="保存模板" className="templates-submit" onSubmit={() => void submit()} />
    </View>
  );
}
