import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Enterprise, Policy } from '@whistle/shared';
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { TicketForm } from '../../../components/TicketForm';
import { backHome, go, replaceWith } from '../../../lib/nav';
import { clearDraft, loadDraft, newDraft, saveDraft, submitDraft, validateDraft, type Draft, type FieldErrors } from '../../../lib/outbox';
import { currentUser, hasRole } from '../../../lib/session';
import { askSubscribe } from '../../../lib/subscribe';
import { toastError, toastInfo } from '../../../lib/toast';
import { ConsultHead } from '../../../policy/components/ConsultHead';
import { SuggestionPanel } from '../../../policy/components/SuggestionPanel';
import { useAnswered, useSuggestions } from '../../../policy/lib/suggest';
import { consultTitle } from '../../../policy/lib/words';

/** The draft to start from: the one saved, unless the page was opened to ask about another policy (我要申报/咨询). */
function startingDraft(policyId: string | undefined): { draft: Draft; restored: boolean } {
  const saved = loadDraft(!!policyId);
  if (saved && (!policyId || saved.policyId === policyId)) return { draft: saved, restored: true };
  return { draft: policyId ? { ...newDraft(), policyId, category: 'policy' } : newDraft(), restored: false };
}

export default function NewTicket() {
  const user = currentUser();
  const onBehalf = !hasRole(user, 'owner');
  const { params } = useRouter();
  const [start] = useState(() => startingDraft(params.policyId || undefined));
  const restored = start.restored;
  // 代企业吹哨 from an enterprise's card (我服务的企业): that enterprise chosen
  const forEnterprise = onBehalf ? params.enterpriseId : undefined;
  const [draft, setDraft] = useState<Draft>(() => (forEnterprise ? { ...start.draft, enterpriseId: forEnterprise } : start.draft));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [enterprises, setEnterprises] = useState<Enterprise[]>([]);
  // an owner writing a request sees the policies that may already answer it (not while asking about one)
  const suggestions = useSuggestions(draft.description, !onBehalf && !draft.policyId);
  const { busyId, answered } = useAnswered(() => {
    clearDraft();
    backHome();
  });

  const consulting = !!draft.policyId;
  useEffect(() => {
    if (consulting) void Taro.setNavigationBarTitle({ title: '政策咨询' });
  }, [consulting]);

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

  /** the consultation's policy is there: the request is named after it, unless the owner already wrote a title */
  const named = (p: Policy) => {
    if (draft.policyId === p.id && !draft.title.trim()) change({ ...draft, title: consultTitle(p.title) });
  };

  const submit = async () => {
    if (submitting) return;
    suggestions.cancel();
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
        setDraft(loadDraft(!!draft.policyId) ?? draft);
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
        <Text className="new-ticket__title">{draft.policyId ? '政策咨询' : onBehalf ? '代企业吹哨' : '有困难，吹个哨'}</Text>
        <Text className="new-ticket__sub">
          {draft.policyId ? '咨询直接交给政策的责任单位，首问负责人答复、一办到底。' : '诉求会发到相关企业服务群，部门 2 小时内认领、一办到底。'}
        </Text>
        {restored ? <Text className="new-ticket__restored">已恢复上次未提交的草稿</Text> : null}
      </View>
      {draft.policyId ? <ConsultHead policyId={draft.policyId} onLoaded={named} onOpen={(id) => go('policyDetail', { id })} /> : null}
      <TicketForm
        draft={draft}
        errors={errors}
        onChange={change}
        onSubmit={() => void submit()}
        submitting={submitting}
        onBehalf={onBehalf}
        enterprises={enterprises}
        belowDescription={
          <SuggestionPanel
            items={suggestions.items}
            busyId={busyId}
            onOpen={(id) => go('policyDetail', { id })}
            onAnswered={(sg) => void answered(sg, draft.description)}
          />
        }
      />
    </View>
  );
}
