import { Text, View } from '@tarojs/components';
import { changedFields } from '@whistle/shared';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What a change did: field by field, the value before and after (only the
 * fields that differ); a creation shows the new record, a deletion the old.
 */
export function Diff(props: { before: unknown; after: unknown }) {
  const before = isRecord(props.before) ? props.before : undefined;
  const after = isRecord(props.after) ? props.after : undefined;
  if (!before && !after) {
    if (props.before === undefined && props.after === undefined) return null;
    return (
      <View className="diff">
        <Text className="diff__before">{show(props.before)}</Text>
        <Text className="diff__after">{show(props.after)}</Text>
      </View>
    );
  }
  const fields = changedFields(before, after).filter((f) => f !== 'rev' && f !== 'updatedAt');
  return (
    <View className="diff">
      {fields.map((f) => (
        <View key={f} className="diff__row" data-field={f}>
          <Text className="diff__field">{f}</Text>
          <Text className="diff__before">{show(before?.[f])}</Text>
          <Text className="diff__arrow">→</Text>
          <Text className="diff__after">{show(after?.[f])}</Text>
        </View>
      ))}
    </View>
  );
}
