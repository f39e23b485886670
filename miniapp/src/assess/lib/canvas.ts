import Taro from '@tarojs/taro';

/**
 * The canvas a chart draws on, in the mini-program: the `<canvas type="2d">`
 * node found by a selector query once rendered, and the screen's pixel ratio.
 * (`canvas.h5.ts` is the browser's: Taro picks the file per platform, so
 * neither build carries the other's APIs.)
 */
export interface CanvasLike {
  width: number;
  height: number;
  getContext: (kind: '2d') => unknown;
}

export interface FoundCanvas {
  node: CanvasLike;
  /** CSS pixels */
  width: number;
  height: number;
}

export function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 1;
  } catch {
    return 1;
  }
}

/** The canvas node of id `id` and its size (undefined until it is rendered and laid out). */
export function findCanvas(id: string, found: (c: FoundCanvas | undefined) => void): void {
  Taro.createSelectorQuery()
    .select(`#${id}`)
    .fields({ node: true, size: true })
    .exec((res: unknown[]) => {
      const r = res[0] as { node?: CanvasLike; width?: number; height?: number } | null | undefined;
      found(r?.node && r.width ? { node: r.node, width: r.width, height: r.height ?? 0 } : undefined);
    });
}
