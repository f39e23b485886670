import { View } from '@tarojs/components';
import type { DecideDisputeBody, Dispute } from '@whistle/shared';
import { useState } from 'react';
import { assessApi } from '../../../api/assessment';
import { Sheet } from '../../../components/Sheet';
import { Btn, Empty, Tabs } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';
import { currentUser } from '../../../lib/session';
import { toastOk } from '../../../lib/toast';
import { DecideForm } from '../../components/DecideForm';
import { LoadState } from '../../../components/LoadState';
import { DisputeItem } from '../../components/Records';
import { mayDecide } from '../../lib/access';
import '../../assess.scss';

type Tab = 'open' | 'decided';

/** 考核申诉 for the supervisor: the open disputes, each accepted or rejected with a reason; the decided ones. */
export default function Disputes() {
  const me = currentUser();
  const [tab, setTab] = useState<Tab>('open');
  const list = useLoader(() => assessApi.disputes(tab === 'open' ? 'open' : undefined), '加载考核申诉', { deps: [tab] });
  const [deciding, setDeciding] = useState<{ dispute: Dispute; accept: boolean } | undefined>(undefined);
  const decide = async (body: DecideDisputeBody) => {
    if (!deciding) return;
    const r = await assessApi.decideDispute(deciding.dispute.id, body);
    list.setData((d) => (d ? { items: d.items.map((x) => (x.id === r.dispute.id ? r.dispute : x)) } : d));
    setDeciding(undefined);
    toastOk(body.accept ? '已采纳' : '已驳回');
  };
  const shown = (items: readonly Dispute[]) => items.filter((d) => (tab === 'open' ? d.status === 'open' : d.status !== 'open'));
  return (
    <View className="page assess-disputes">
      <Tabs<Tab>
        tabs={[
          { value: 'open', label: '待处理' },
          { value: 'decided', label: '已处理' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <LoadState loaded={list} what="加载考核申诉">
        {(d) =>
          shown(d.items).length ? (
            <View className="records records--page">
              {shown(d.items).map((x) => (
                <DisputeItem
                  key={x.id}
                  dispute={x}
                  showUnit
                  onOpenTicket={openTicket}
                  actions={
                    x.status === 'open' && mayDecide(me) ? (
                      <>
                        <Btn size="small" kind="plain" className="reject-btn" onClick={() => setDeciding({ dispute: x, accept: false })}>
                          驳回
                        </Btn>
                        <Btn size="small" kind="primary" className="accept-btn" onClick={() => setDeciding({ dispute: x, accept: true })}>
                          采纳
                        </Btn>
                      </>
                    ) : undefined
                  }
                />
              ))}
            </View>
          ) : (
            <Empty text={tab === 'open' ? '暂无待处理的申诉' : '暂无已处理的申诉'} hint="各单位对计入考核的事项提出申诉后在此处理" />
          )
        }
      </LoadState>
      <Sheet open={!!deciding} title={deciding?.accept ? '采纳申诉' : '驳回申诉'} onClose={() => setDeciding(undefined)}>
        {deciding ? <DecideForm key={`${deciding.dispute.id}-${String(deciding.accept)}`} dispute={deciding.dispute} accept={deciding.accept} submit={decide} /> : null}
      </Sheet>
    </View>
  );
}
