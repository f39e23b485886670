/**
 * H5 only: the root font size Taro's pxtransform (rem units) expects — 20 px
 * on a 375 px wide screen, scaled with the narrower side, between 20 and
 * 40 px — exactly what Taro's html template would run as an inline script.
 * Inline scripts are refused by the site's Content-Security-Policy
 * (`script-src 'self'`: shared/src/security-headers.ts), so the app's bundle
 * sets it instead, before the first page renders (src/index.html leaves
 * Taro's script out).
 *
 * A desktop window (1024 px wide or more: the admin console's width) keeps
 * 20 px: a design pixel is a CSS pixel there, instead of everything drawn
 * twice as large because the window is taller than a phone is wide.
 */
export const DESKTOP_MIN_WIDTH = 1024;

export function rootSizeFor(width: number, height: number): string {
  const sides = [width, height].filter(Boolean);
  if (!sides.length) return '';
  if (width >= DESKTOP_MIN_WIDTH) return '20px';
  const x = (20 * Math.min(...sides)) / 375;
  return x >= 40 ? '40px' : x <= 20 ? '20px' : `${x}px`;
}

export function keepRootSize(win: Window): void {
  const apply = () => {
    const root = win.document.documentElement;
    const r = root.getBoundingClientRect();
    const size = rootSizeFor(r.width, r.height);
    if (size) root.style.fontSize = size;
  };
  win.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
  apply();
}
