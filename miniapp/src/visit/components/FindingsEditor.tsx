import { Text, Textarea, View } from '@tarojs/components';
import type { Category } from '@whistle/shared';
import { Btn, ChoiceChips, Field } from '../../components/ui';
import { CATEGORY_OPTIONS, type FindingDraft } from '../lib/visit';

/**
 * The problems found on the visit (走访发现的问题): each a description, a
 * category and whether it was solved on the spot; added and removed freely.
 * Errors are keyed as the API names them: `findings.0.text`.
 */
export function FindingsEditor(props: { value: FindingDraft[]; errors: Record<string, string>; onChange: (f: FindingDraft[]) => void }) {
  const list = props.value;
  const update = (i: number, patch: Partial<FindingDraft>) => props.onChange(list.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const error = (i: number, f: string) => {
    const e = props.errors[`findings.${i}.${f}`];
    return e ? { error: e } : {};
  };
  return (
    <View className="findings-editor">
      {list.map((f, i) => (
        <View key={i} className="finding-edit card" data-index={i}>
          <View className="finding-edit__head">
            <Text className="finding-edit__no">问题 {i + 1}</Text>
            <Text className="link finding-remove" onClick={() => props.onChange(list.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
          <Field label="问题描述" required {...error(i, 'text')}>
            <Textarea
              className="textarea finding-text"
              value={f.text}
              maxlength={220}
              autoHeight
              placeholder="如：熟练焊工缺口约二十人"
              onInput={(e) => update(i, { text: e.detail.value })}
            />
          </Field>
          <Field label="问题类别" required {...error(i, 'category')}>
            <ChoiceChips<Category> className="finding-category" options={CATEGORY_OPTIONS} value={f.category} onChange={(category) => update(i, { category })} />
          </Field>
          <View className={`finding-onsite ${f.resolvedOnSite ? 'finding-onsite--on' : ''}`} onClick={() => update(i, { resolvedOnSite: !f.resolvedOnSite })}>
            <Text className="finding-onsite__box">{f.resolvedOnSite ? '✓' : ''}</Text>
            <Text>已当场解决（无需转为诉求）</Text>
          </View>
        </View>
      ))}
      {props.errors.findings ? <Text className="field__error">{props.errors.findings}</Text> : null}
      <Btn size="small" className="finding-add" onClick={() => props.onChange([...list, { text: '', resolvedOnSite: false }])}>
        ＋ 添加发现的问题
      </Btn>
    </View>
  );
}
