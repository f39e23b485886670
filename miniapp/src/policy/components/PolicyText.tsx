import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Policy } from '@whistle/shared';
import { useState } from 'react';
import { Section } from '../../components/ui';
import { toastInfo } from '../../lib/toast';

/** Longer than this, the full text opens on 展开全文. */
const FOLD_AT = 400;

/** What a policy says: its summary, its full text or a link to it, and how to apply. */
export function PolicyText(props: { policy: Policy }) {
  const p = props.policy;
  const [open, setOpen] = useState(false);
  const long = (p.body?.length ?? 0) > FOLD_AT;
  const copyLink = (link: string) => {
    Taro.setClipboardData({ data: link })
      .then(() => toastInfo('链接已复制，可在浏览器中打开'))
      .catch(() => toastInfo(link));
  };
  return (
    <>
      <Section title="政策摘要">
        <View className="card">
          <Text className="policy-text">{p.summary}</Text>
        </View>
      </Section>
      {p.body || p.link ? (
        <Section title="政策原文">
          <View className="card">
            {p.body ? <Text className="policy-text policy-body">{long && !open ? `${p.body.slice(0, FOLD_AT)}…` : p.body}</Text> : null}
            {long ? (
              <Text className="link policy-fold" onClick={() => setOpen(!open)}>
                {open ? '收起' : '展开全文'}
              </Text>
            ) : null}
            {p.link ? (
              <View className="policy-link" ariaRole="button" ariaLabel="复制原文链接" onClick={() => copyLink(p.link ?? '')}>
                <Text className="policy-link__url">{p.link}</Text>
                <Text className="link">复制链接</Text>
              </View>
            ) : null}
          </View>
        </Section>
      ) : null}
      <Section title="怎么申报">
        <View className="card">
          <Text className="policy-text policy-apply">{p.howToApply}</Text>
        </View>
      </Section>
    </>
  );
}
