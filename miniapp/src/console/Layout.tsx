import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { backHome, replaceWith, type PageName } from '../lib/nav';
import type { Section } from './sections';
import './console.scss';

/**
 * The console's frame: at desktop width (≥ 1024 px) a side navigation and the
 * page beside it; narrower, the navigation is a scrolling strip above the page.
 * Moving between sections replaces the page (no history of console pages).
 */
export function ConsoleLayout(props: {
  brand: string;
  sections: readonly Section[];
  current: PageName;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <View className="console">
      <View className="console__nav">
        <View className="console__brand" onClick={backHome}>
          <Text className="console__brand-name">{props.brand}</Text>
          <Text className="console__brand-back">‹ 返回首页</Text>
        </View>
        {props.sections.map((s) => (
          <View
            key={s.page}
            className={`console__link ${s.page === props.current ? 'console__link--on' : ''}`}
            data-page={s.page}
            onClick={() => {
              if (s.page !== props.current) replaceWith(s.page);
            }}
          >
            <Text className="console__link-icon">{s.icon}</Text>
            <Text className="console__link-label">{s.label}</Text>
          </View>
        ))}
      </View>
      <View className="console__main">
        <View className="console__head">
          <Text className="console__title">{props.title}</Text>
          {props.actions ? <View className="console__actions">{props.actions}</View> : null}
        </View>
        {props.children}
      </View>
    </View>
  );
}
