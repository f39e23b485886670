import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { assessApi } from '../../../api/assessment';
import { Empty, Section } from '../../../components/ui';
import { useLoader } from '../../../lib/hooks';
import { currentUser } from '../../../lib/session';
import { LoadState } from '../../../components/LoadState';
import { SchemeVersions } from '../../components/SchemeVersions';
import { SchemeView } from '../../components/SchemeView';
import { seesScheme } from '../../lib/access';
import { schemeTitle } from '../../lib/scheme';
import '../../assess.scss';

function Scheme(props: { initialVersion?: number | undefined }) {
  const scheme = useLoader(() => assessApi.scheme(), '加载考核方案');
  const [picked, setPicked] = useState(props.initialVersion);
  return (
    <View className="page assess-scheme">
      <LoadState loaded={scheme} what="加载考核方案">
        {(d) => {
          const shown = d.versions.find((v) => v.version === picked) ?? d.current;
          return (
            <View>
              <Text className="page-caption scheme-title">
                {schemeTitle(shown)}
                {shown.version === d.current.version ? ' · 当前执行' : ''}
              </Text>
              <Text className="page-caption">每个考核周期按其首月已生效的最新版本计分；修改方案只影响此后的周期。</Text>
              <SchemeView scheme={shown} />
              <Section title="方案版本">
                <SchemeVersions versions={d.versions} current={d.current} selected={shown.version} onSelect={setPicked} />
              </Section>
            </View>
          );
        }}
      </LoadState>
    </View>
  );
}

/** 考核方案, read-only: the version in force (or the one asked for, `version`) and every version. */
export default function SchemePage() {
  const { params } = useRouter();
  if (!seesScheme(currentUser())) return <Empty text="无权查看考核方案" hint="考核方案由督办人员、管理员和第三方评估查看" />;
  const version = Number(params.version);
  return <Scheme initialVersion={Number.isInteger(version) && version > 0 ? version : undefined} />;
}
