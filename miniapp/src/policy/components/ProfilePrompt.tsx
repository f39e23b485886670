import { Text, View } from '@tarojs/components';
import { Btn } from '../../components/ui';

/** 我的政策 without a profile to match on: ask for one (tags, headcount, revenue), the way to more 专属 policies. */
export function ProfilePrompt(props: { onEdit: () => void; self: boolean }) {
  return (
    <View className="banner banner--orange profile-prompt">
      <Text className="banner__title">完善企业画像，匹配更多专属政策</Text>
      <Text className="banner__text">
        {props.self ? '填写本企业的资质标签、从业人数和营业收入档位，' : '这家企业的画像还不完整：补充资质标签、从业人数和营业收入档位，'}
        系统会据此推荐“专属”政策。
      </Text>
      <View className="profile-prompt__action">
        <Btn size="small" kind="primary" className="profile-edit" onClick={props.onEdit}>
          去完善
        </Btn>
      </View>
    </View>
  );
}
