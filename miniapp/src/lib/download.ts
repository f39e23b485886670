import Taro from '@tarojs/taro';
import { apiBase, ApiError } from '../api/client';
import { getToken } from './session';

/** The file name of a Content-Disposition (`filename*=UTF-8''…` first), else `fallback`. */
export function fileNameOf(disposition: string | null | undefined, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file the API answers (an .xlsx, a .docx): on H5 fetched with the
 * token and saved by the browser under the server's file name; on weapp
 * downloaded and opened in WeChat's document viewer (save or forward from there).
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const url = `${apiBase()}${path}`;
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (process.env.TARO_ENV === 'h5') {
    let res: Response;
    try {
      res = await fetch(url, { headers });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', e);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      throw new ApiError(res.status, body.error?.code ?? 'HTTP', body.error?.message ?? `下载失败（${res.status}）`);
    }
    const href = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = href;
    a.download = fileNameOf(res.headers.get('content-disposition'), fallbackName);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return;
  }
  const r = await Taro.downloadFile({ url, header: headers });
  if (r.statusCode !== 200) throw new ApiError(r.statusCode, 'HTTP', `下载失败（${r.statusCode}）`);
  await Taro.openDocument({ filePath: r.tempFilePath, fileType: fallbackName.endsWith('.docx') ? 'docx' : 'xlsx', showMenu: true });
}
