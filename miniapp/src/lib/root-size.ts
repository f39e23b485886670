/**
 * H5 only: the root font size Taro's pxtransform (rem units) expects — 20 px
 * on a 375 px wide screen, scaled with the narrower side, between 20 and
 * 40 px — exactly what Taro's html template would run as an inline script.
 * Inline scripts are refused by the site's Content-Security-Policy
 * (`script-src 'self'`: shared/src/security-headers.ts), so the app's bundle
 * sets it instead, before the first page renders (src/index.html leaves
 * Taro's script out).
 */
export function keepRootSize(win: Window): void {
  const apply = () => {
    const root = win.document.documentElement;
    const r = root.getBoundingClientRect();
    const sides = [r.width, r.height].filter(Boolean);
    if (!sides.length) return;
    const x = (20 * Math.min(...sides)) / 375;
    root.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : `${x}px`;
  };
  win.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
  apply();
}
