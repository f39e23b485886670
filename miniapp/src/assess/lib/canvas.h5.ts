import type { FoundCanvas } from './canvas';

/**
 * The canvas a chart draws on, in the browser: a plain `<canvas>` element of
 * the page (see `canvas.ts` for the mini-program's).
 */
export type { CanvasLike, FoundCanvas } from './canvas';

export const pixelRatio = (): number => window.devicePixelRatio || 1;

export function findCanvas(id: string, found: (c: FoundCanvas | undefined) => void): void {
  const el = document.getElementById(id);
  const box = el instanceof HTMLCanvasElement ? el.getBoundingClientRect() : undefined;
  found(el instanceof HTMLCanvasElement && box?.width ? { node: el, width: box.width, height: box.height } : undefined);
}
