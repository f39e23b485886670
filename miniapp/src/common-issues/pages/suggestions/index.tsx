import { Text, View } from '@tarojs/components';
import type { CommonIssueSuggestion } from '@whistle/shared';
import { useState } from 'react';
import { api } from '../../../api';
import { LoadState } from '../../../components/LoadState';
import { Btn, Empty, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { go, replaceWith } from '../../../lib/nav';
import { currentUser } from '../../../lib/session';
import { toastError, toastInfo, toastOk } from '../../../lib/toast';
import { ConfirmForm } from '../../components/ConfirmForm';
import { SuggestionCard } from '../../components/SuggestionCard';
import { isSupervisor } from '../../lib/access';
import { commonIssuesApi } from '../../lib/api';
import { draftOf } from '../../lib/forms';
import '../../common-issues.scss';

/** 可能的共性问题: the clusters proposed to the supervisor, each confirmed as a common issue or dismissed; 立即分析 proposes now. */
function Suggestions() {
  const loaded = useLoader(() => commonIssuesApi.suggestions(), '加载可能的共性问题');
  const units = useLoader(() => api.units(), '加载单位', { reloadOnShow: false });
  const [confirming, setConfirming] = useState<CommonIssueSuggestion | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const run = () => {
    setRunning(true);
    commonIssuesApi
      .run()
      .then((r) => {
        toastInfo(r.proposed ? `新发现 ${r.proposed} 条可能的共性问题` : `分析了 ${r.scanned} 件诉求，暂无新发现`);
        return loaded.reload();
      })
      .catch((e: unknown) => toastError(e, '分析'))
      .finally(() => setRunning(false));
  };
  const dismiss = async (s: CommonIssueSuggestion, reason: string | undefined) => {
    try {
      await commonIssuesApi.dismiss(s.id, reason ? { reason } : {});
    } catch (e) {
      toastError(e, '忽略');
      throw e;
    }
    toastOk('已忽略');
    loaded.setData((d) => d && { items: d.items.filter((x) => x.id !== s.id) });
  };
  if (confirming) {
    return (
      <View className="page ci-page">
        <Section title={confirming.title}>
          <ConfirmForm
            initial={draftOf(confirming)}
            tickets={confirming.tickets}
            units={units.data?.items ?? []}
            onCancel={() => setConfirming(undefined)}
            submit={async (body) => {
              const { commonIssue } = await commonIssuesApi.confirm(body);
              toastOk('已确认为共性问题');
              replaceWith('commonIssue', { id: commonIssue.id });
            }}
          />
        </Section>
      </View>
    );
  }
  return (
    <View className="page ci-page">
      <View className="ci-toolbar">
        <Text className="page-caption">相似诉求来自多家企业时，在此提示督办人员</Text>
        <Btn size="small" className="ci-run" loading={running} onClick={run}>
          立即分析
        </Btn>
      </View>
      <LoadState loaded={loaded} what="加载可能的共性问题">
        {(d) => {
          const waiting = d.items.filter((s) => s.status === 'waiting');
          return waiting.length ? (
            waiting.map((s) => <SuggestionCard key={s.id} suggestion={s} onConfirm={() => setConfirming(s)} dismiss={(reason) => dismiss(s, reason)} />)
          ) : (
            <Empty text="暂无待确认的共性问题" hint="系统每小时分析一次，也可点“立即分析”" />
          );
        }}
      </LoadState>
      <Btn kind="plain" block className="ci-ledger-link" onClick={() => go('commonLedger')}>
        共性问题台账
      </Btn>
    </View>
  );
}

export default function SuggestionsPage() {
  if (!isSupervisor(currentUser())) return <Empty text="无权查看" hint="可能的共性问题由督办人员确认" />;
  return <Suggestions />;
}
