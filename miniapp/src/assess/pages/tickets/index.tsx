import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { INDICATORS, NOTICE_DEDUCTION, type DisputeBody } from '@whistle/shared';
import { useState } from 'react';
import { assessApi } from '../../../api/assessment';
import { Sheet } from '../../../components/Sheet';
import { Empty } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { openTicket } from '../../../lib/nav';
import { currentUser } from '../../../lib/session';
import { toastOk } from '../../../lib/toast';
import { DisputeForm, disputesOf, DrillRow, undisputedNotices, type DrillItem } from '../../components/Drill';
import { LoadState } from '../../../components/LoadState';
import { isUnitMember, mayDispute, seesDisputes } from '../../lib/access';
import { indicatorLabel, isDrillCode, type DrillCode } from '../../lib/figures';
import { isPeriod, periodLabel } from '../../../lib/periods';
import '../../assess.scss';

const decode = (s: string | undefined) => {
  try {
    return s ? decodeURIComponent(s) : undefined;
  } catch {
    return s;
  }
};

function Drill(props: { unitId: string; period: string; code: DrillCode; name?: string | undefined }) {
  const { unitId, period, code } = props;
  const me = currentUser();
  const canDispute = mayDispute(me, unitId);
  const drill = useLoader(() => assessApi.drill(unitId, period, code), '加载考核明细', { deps: [unitId, period, code] });
  // the disputes already raised, to mark the rows (leaders do not see disputes)
  const disputes = useLoader(
    () => (isUnitMember(me) || seesDisputes(me) ? assessApi.disputes() : Promise.resolve({ items: [] })),
    '加载申诉',
  );
  const mine = (disputes.data?.items ?? []).filter((d) => d.unitId === unitId);
  const [target, setTarget] = useState<DrillItem | undefined>(undefined);
  const submit = async (body: DisputeBody) => {
    const r = await assessApi.raiseDispute(body);
    disputes.setData((d) => ({ items: [r.dispute, ...(d?.items ?? [])] }));
    setTarget(undefined);
    toastOk('申诉已提交');
  };
  const rule = code === 'notices' ? NOTICE_DEDUCTION.rule : INDICATORS[code].rule;
  return (
    <View className="page assess-drill">
      <Text className="page-caption">
        {[props.name, periodLabel(period), indicatorLabel(code)].filter(Boolean).join(' · ')}
      </Text>
      <Text className="page-caption drill-rule">计算口径：{rule}</Text>
      <LoadState loaded={drill} what="加载考核明细">
        {(d) =>
          d.items.length ? (
            <View>
              {d.items.map((item) => (
                <DrillRow
                  key={item.ticketId}
                  code={code}
                  item={item}
                  disputes={mine}
                  canDispute={canDispute}
                  onOpen={() => openTicket(item.ticketId)}
                  onDispute={() => setTarget(item)}
                />
              ))}
            </View>
          ) : (
            <Empty text="本期没有计入该项的诉求" />
          )
        }
      </LoadState>
      <Sheet open={!!target} title={`申诉 · ${indicatorLabel(code)}`} onClose={() => setTarget(undefined)}>
        {target ? (
          <DisputeForm key={target.ticketId} code={code} item={target} noticeIds={undisputedNotices(disputesOf(mine, code, target), target)} submit={submit} />
        ) : null}
      </Sheet>
    </View>
  );
}

/** The tickets behind one figure of a unit (the drill-down), each opening the ticket; unit members dispute a row. */
export default function DrillPage() {
  const { params } = useRouter();
  const { unitId, period, indicator } = params;
  if (!unitId || !isPeriod(period) || !isDrillCode(indicator)) return <Empty text="缺少考核项" hint="请从单位考核页点选指标进入" />;
  return <Drill unitId={unitId} period={period} code={indicator} name={decode(params.name)} />;
}
