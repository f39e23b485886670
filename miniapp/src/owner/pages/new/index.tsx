import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Enterprise } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { TicketForm } from '../../../components/TicketForm';
import { backHome, replaceWith } from '../../../lib/nav';
import { loadDraft, newDraft, saveDraft, submitDraft, validateDraft, type Draft, type FieldErrors } from '../../../lib/outbox';
import { currentUser, hasRole } from '../../../lib/session';
import { askSubscribe } from '../../../lib/subscribe';
import { toastError, toastInfo } from '../../../lib/toast';

export default function NewTicket() {
  const user = currentUser();
  const onBehalf = !hasRole(user, 'owner');
  const [restored] = useState(() => loadDraft());
  // 代企业吹哨 from an enterprise's card (我服务的企业): that enterprise chosen
  const forEnterprise = onBehalf ? Taro.getCurrentInstance().router?.params.enterpriseId : undefined;
  const [draft, setDraft] = useState<Draft>(() => {
    const d = restored ?? newDraft();
    return forEnterprise ? { ...d, enterpriseId: forEnterprise } : d;
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [enterprises, setEnterprises] = useState<Enterprise[]>([]);

  useEffect(() => {
    if (!onBehalf) return;
    api
      .enterprises()
      .then((r) => setEnterprises(r.items))
      .catch((e: unknown) => toastError(e, '加载企业列表'));
  }, [onBehalf]);

  const change = (d: Draft) => {
    setDraft(d);
    saveDraft(d); // survives closing the app; the idempotency key stays with it
    if (Object.keys(errors).length) setErrors({});
  };

  const submit = async () => {
    if (submitting) return;
    const v = validateDraft(draft, onBehalf);
    if (!v.ok) {
      setErrors(v.errors);
      toastInfo('请按提示补充完整后再提交');
      return;
    }
    // WeChat's consent dialog only opens from the tap itself: the owner hears back about the request by WeChat
    if (!onBehalf) askSubscribe('raised');
    setSubmitting(true);
    try {
      const r = await submitDraft(draft, v.body);
      if (r.kind === 'sent') {
        void Taro.showToast({ title: '吹哨成功', icon: 'success', duration: 1500 });
        replaceWith('ticket', { id: r.ticket.id });
      } else if (r.kind === 'queued') {
        setDraft(newDraft());
        void Taro.showModal({
          title: '已保存在手机上',
          content: '网络暂时不可用，诉求已保存，联网后会自动提交（不会重复提交）。',
          showCancel: false,
          confirmText: '知道了',
        }).then(() => backHome());
      } else {
        setDraft(loadDraft() ?? draft);
        setErrors({ form: r.message });
        toastInfo(r.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="page new-ticket">
      <View className="new-ticket__intro">
        <Text className="new-ticket__title">{onBehalf ? '代企业吹哨' : '有困难，吹个哨'}</Text>
        <Text className="new-ticket__sub">诉求会发到相关企业服务群，部门 2 小时内认领、一办到底。</Text>
        {restored ? <Text className="new-ticket__restored">已恢复上次未提交的草稿</Text> : null}
      </View>
      <TicketForm
        draft={draft}
        errors={errors}
        onChange={change}
        onSubmit={() => void submit()}
        submitting={submitting}
        onBehalf={onBehalf}
        enterprises={enterprises}
      />
    </View>
  );
}
