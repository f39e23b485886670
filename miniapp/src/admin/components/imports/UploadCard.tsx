import { Text, View } from '@tarojs/components';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from '@whistle/shared';
import { useState } from 'react';
import { Btn, ChoiceChips } from '../../../components/ui';
import { errorText, toastError } from '../../../lib/toast';
import { downloadFile } from '../../../lib/download';
import { FilePicker, type PickedFile } from './FilePicker';

const KINDS = IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }));

/** 上传: the kind (in onboarding order: units, grids, enterprises, users), its template, the file; the upload is checked, nothing written. */
export function UploadCard(props: { upload: (kind: ImportKind, file: PickedFile) => Promise<void> }) {
  const [kind, setKind] = useState<ImportKind>('enterprises');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const pick = (f: PickedFile) => {
    setBusy(true);
    setError(undefined);
    props
      .upload(kind, f)
      .catch((e: unknown) => setError(errorText(e, `校验 ${f.name}`)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="ccard import-upload">
      <Text className="ccard__title">上传 Excel</Text>
      <ChoiceChips<ImportKind> options={KINDS} value={kind} onChange={setKind} className="import-kind" />
      <View className="file-picker">
        <Btn size="small" className="template-download" onClick={() => void downloadFile(`/api/admin/import-templates/${kind}`, `${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`).catch((e: unknown) => toastError(e, '下载模板'))}>
          下载{IMPORT_KIND_LABELS[kind]}模板
        </Btn>
        {/* Excel out: the directory as it is, in the same template, to edit and import back */}
        <Btn size="small" className="directory-download" onClick={() => void downloadFile(`/api/admin/import-templates/${kind}?filled=1`, `${IMPORT_KIND_LABELS[kind]}.xlsx`).catch((e: unknown) => toastError(e, '下载现有数据'))}>
          下载现有数据
        </Btn>
        <FilePicker busy={busy} onPick={pick} />
      </View>
      {busy ? <Text className="muted">正在逐行校验…</Text> : null}
      {error ? <Text className="field__error form-error">{error}</Text> : null}
    </View>
  );
}
