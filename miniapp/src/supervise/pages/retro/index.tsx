import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api';
import { Btn, Empty, Loading, Section } from '../../../components/ui';
import { downloadFile } from '../../../lib/download';
import { useLoader } from '../../../lib/hooks';
import { currentUser, hasRole } from '../../../lib/session';
import { errorText, toastError, toastOk } from '../../../lib/toast';
import { RetroCard } from '../../components/retro/RetroCard';
import { RetroFormView } from '../../components/retro/RetroFormView';
import { retroApi, retroFileName, retroPageOf, type RetroPage } from '../../lib/retro';

/**
 * 典型问题复盘 of one ticket or one common issue: the retrospectives the caller may read, each with
 * 下载 Word; the supervisor opens a new one (on a common issue its team takes part by default).
 */
function Retros(props: RetroPage) {
  const me = currentUser();
  const supervisor = hasRole(me, 'supervisor');
  const { subject } = props;
  const loaded = useLoader(() => retroApi.list(subject), '加载复盘', { deps: [subject.kind, subject.id] });
  const [opening, setOpening] = useState(false);
  const [downloading, setDownloading] = useState<string | undefined>(undefined);
  const [marking, setMarking] = useState<string | undefined>(undefined);
  const markDone = (retroId: string, itemId: string) => {
    setMarking(itemId);
    retroApi
      .taskDone(subject, retroId, itemId)
      .then(() => {
        toastOk('整改任务已完成');
        void loaded.reload();
      })
      .catch((e: unknown) => toastError(e, '标记整改任务完成'))
      .finally(() => setMarking(undefined));
  };
  const units = useLoader(() => (supervisor ? api.units() : Promise.resolve({ items: [] })), '加载单位', { reloadOnShow: false });
  const download = (retroId: string) => {
    setDownloading(retroId);
    downloadFile(retroApi.documentPath(subject, retroId), retroFileName(props))
      .catch((e: unknown) => toastError(e, '下载复盘报告'))
      .finally(() => setDownloading(undefined));
  };
  if (!loaded.data) return loaded.loading ? <Loading /> : <Empty text="复盘加载失败" hint={loaded.error ? errorText(loaded.error) : '下拉刷新重试'} />;
  const items = loaded.data.items;
  return (
    <View className="page retro">
      <Section title={`${subject.kind === 'commonIssue' ? '共性问题复盘' : '复盘'}${props.label ? ` · ${props.label}` : ''}`}>
        {items.length ? items.map((r) => (
              <RetroCard
                key={r.id}
                retro={r}
                downloading={downloading === r.id}
                onDownload={() => download(r.id)}
                tasks={{ now: new Date().toISOString(), mayComplete: (unitId) => supervisor || me?.unitId === unitId, busyItemId: marking, onDone: (itemId) => markDone(r.id, itemId) }}
              />
            )) : <Empty text="暂无复盘" />}
      </Section>
      {supervisor ? (
        <Section title="发起复盘">
          {opening ? (
            <RetroFormView
              units={units.data?.items ?? []}
              handlingUnitId={props.leadUnitId}
              unitIds={props.unitIds}
              submit={async (body) => {
                await retroApi.create(subject, body);
                toastOk('已发起复盘');
                setOpening(false);
                void loaded.reload();
              }}
            />
          ) : (
            <Btn className="retro-open" onClick={() => setOpening(true)}>
              发起复盘
            </Btn>
          )}
        </Section>
      ) : null}
    </View>
  );
}

export default function RetroPage() {
  const { params } = useRouter();
  const page = retroPageOf(params);
  if (!page) return <Empty text="缺少诉求或共性问题编号" hint="请从诉求详情或共性问题进入" />;
  return <Retros {...page} />;
}
