import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { localDate } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { visitsApi } from '../../../api/visits';
import { issueErrors } from '../../../lib/form-errors';
import { useLoader } from '../../../lib/hooks';
import { replaceWith } from '../../../lib/nav';
import { newIdempotencyKey } from '../../../lib/outbox';
import { useFieldForm } from '../../../lib/useFieldForm';
import { VisitForm } from '../../components/VisitForm';
import { draftProblems, formFields, newVisitDraft, visitableEnterprises, visitBody, type VisitDraft } from '../../lib/visit';
import { useMe } from '../../lib/useMe';
import '../../visit.scss';

/**
 * 新增走访: the form, sent with an Idempotency-Key made once for this visit,
 * so a retry after a failed or lost answer never logs it twice; then the
 * visit's page, where its findings become tickets.
 */
export default function NewVisit() {
  const { params } = useRouter();
  const me = useMe();
  const [draft, setDraft] = useState<VisitDraft>(() => newVisitDraft(Date.now(), params.enterpriseId || undefined));
  const [key] = useState(newIdempotencyKey);
  const fields = formFields(draft);
  const form = useFieldForm(fields, '保存走访记录');
  const leads = (me?.duties?.leadOf.length ?? 0) > 0;
  const enterprises = useLoader(
    async () => {
      const [all, mine] = await Promise.all([api.enterprises(), leads ? visitsApi.coverage(localDate(Date.now()).slice(0, 7)) : undefined]);
      return visitableEnterprises(me, all.items, mine?.grids.map((g) => g.gridId) ?? []);
    },
    '加载企业列表',
    { deps: [me?.user.id, leads], reloadOnShow: false },
  );
  const change = (d: VisitDraft) => {
    setDraft(d);
    if (Object.keys(form.errors.fields).length || form.errors.other) form.setErrors({ fields: {} });
  };
  const submit = () => {
    const missing = draftProblems(draft);
    if (missing.length) {
      form.setErrors(issueErrors(missing, fields));
      void Taro.showToast({ title: '请按提示补充完整', icon: 'none' });
      return;
    }
    void form.send(async () => {
      const r = await visitsApi.log(visitBody(draft), key);
      void Taro.showToast({ title: '走访已记录', icon: 'success', duration: 1200 });
      replaceWith('visitDetail', { id: r.visit.id });
    });
  };
  return (
    <View className="page visit-new-page">
      <View className="visit-new__intro">
        <Text className="visit-new__title">记录一次走访</Text>
        <Text className="visit-new__sub">周跟踪、月分析：记下企业本周近况和发现的问题，问题可一键转为诉求，限时办结销号。</Text>
      </View>
      <VisitForm
        draft={draft}
        enterprises={enterprises.data ?? []}
        errors={form.errors.fields}
        {...(form.errors.other ? { other: form.errors.other } : {})}
        busy={form.busy}
        onChange={change}
        onSubmit={submit}
      />
    </View>
  );
}
