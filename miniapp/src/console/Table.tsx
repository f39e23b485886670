import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** a CSS width (`120px`, `20%`) at desktop width */
  width?: string;
}

/**
 * A wide table at desktop width; on a phone each row is a card of
 * label–value lines. Rows carry `data-id`; a row with `onRow` is clickable.
 */
export function DataTable<T>(props: {
  columns: ReadonlyArray<Column<T>>;
  rows: readonly T[];
  rowKey: (row: T) => string;
  onRow?: (row: T) => void;
  rowClass?: (row: T) => string;
  empty?: string;
  className?: string;
}) {
  if (!props.rows.length) {
    return (
      <View className={`ctable ctable--empty ${props.className ?? ''}`}>
        <Text className="muted">{props.empty ?? '暂无数据'}</Text>
      </View>
    );
  }
  return (
    <View className={`ctable ${props.className ?? ''}`}>
      <View className="ctable__row ctable__row--head">
        {props.columns.map((c) => (
          <View key={c.key} className="ctable__cell" style={c.width ? { width: c.width } : undefined}>
            <Text>{c.title}</Text>
          </View>
        ))}
      </View>
      {props.rows.map((row) => {
        const id = props.rowKey(row);
        return (
          <View
            key={id}
            data-id={id}
            className={`ctable__row ${props.onRow ? 'ctable__row--link' : ''} ${props.rowClass?.(row) ?? ''}`}
            onClick={props.onRow ? () => props.onRow?.(row) : undefined}
          >
            {props.columns.map((c) => (
              <View key={c.key} className={`ctable__cell ctable__cell--${c.key}`}>
                <Text className="ctable__label">{c.title}</Text>
                <View className="ctable__value">{c.render(row)}</View>
              </View>
            ))}
          </View>
        );
      })}
    </View>
  );
}
