import Taro from '@tarojs/taro';
import { isApiError } from '../api/client';

/**
 * A failure in words that say what to do next. Server messages are already
 * Chinese and meant for people; the client's own codes get their own words.
 */
export function errorText(e: unknown, doing?: string): string {
  const prefix = doing ? `${doing}失败：` : '';
  if (!isApiError(e)) return `${prefix}出现意外错误，请稍后重试`;
  switch (e.code) {
    case 'NETWORK':
      return `${prefix}网络连接失败，请检查网络后重试`;
    case 'SCHEMA_DRIFT':
      return `${prefix}数据格式与小程序版本不一致，请更新小程序或联系管理员`;
    case 'UNAUTHENTICATED':
      return '登录已过期，请重新登录';
    case 'ALREADY_CLAIMED':
      return e.message;
    case 'STORE_UNAVAILABLE':
    case 'QUEUE_UNAVAILABLE':
    case 'INTERNAL':
      return `${prefix}服务暂时不可用，请稍后重试`;
    default:
      return `${prefix}${e.message}`;
  }
}

export function toastError(e: unknown, doing?: string): void {
  void Taro.showToast({ title: errorText(e, doing), icon: 'none', duration: 3000 });
}

export function toastOk(title: string): void {
  void Taro.showToast({ title, icon: title.length <= 7 ? 'success' : 'none', duration: 1800 });
}

export function toastInfo(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
