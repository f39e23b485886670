import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Btn } from '../../../components/ui';
import { toastError } from '../../../lib/toast';

export interface PickedFile {
  name: string;
  base64: string;
}

/** A File's bytes as base64 (the data URL's tail). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** weapp: a file from a chat (the only place a phone keeps .xlsx files), read as base64. */
async function chooseOnWeapp(): Promise<PickedFile | undefined> {
  const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
  const f = r.tempFiles[0];
  if (!f) return undefined;
  const data = Taro.getFileSystemManager().readFileSync(f.path, 'base64');
  return { name: f.name, base64: String(data) };
}

/** Choose an .xlsx: on H5 the browser's file input, on weapp a file from a chat. */
export function FilePicker(props: { busy: boolean; onPick: (f: PickedFile) => void }) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="file-picker">
        <input
          className="file-picker__input"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={props.busy}
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            readAsBase64(file)
              .then((base64) => props.onPick({ name: file.name, base64 }))
              .catch((err: unknown) => toastError(err, '读取文件'))
              .finally(() => (input.value = ''));
          }}
        />
        <Text className="muted">仅支持 .xlsx，单个文件</Text>
      </View>
    );
  }
  return (
    <Btn
      className="file-picker__btn"
      loading={props.busy}
      onClick={() =>
        void chooseOnWeapp()
          .then((f) => f && props.onPick(f))
          .catch((err: unknown) => toastError(err, '选择文件'))
      }
    >
      选择 .xlsx 文件
    </Btn>
  );
}
