/**
 * The security headers of the H5 site and of everything served on its origin
 * (the app and `/api/*`): CloudFront's response headers policy
 * (infra/lib/h5-site.ts) and the local gateway (functions/src/local/gateway.ts)
 * are both built from these, so the browser tests prove the policy the
 * deployment sends works with the real app.
 */
export const H5_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  // the Taro H5 build is bundled files only: no inline script, no eval
  'script-src': "'self'",
  // 'unsafe-inline' for styles only: React's `style` props (Taro components
  // render many) and the inline <style> the Taro H5 runtime injects for its
  // components cannot carry a nonce; scripts stay strict
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  // the API is on the same origin (/api/*): API_BASE is '' for H5
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

export const H5_CSP = Object.entries(H5_CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** HSTS: a year (the minimum the preload list accepts), subdomains included. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** The headers as sent, lower-case names. */
export const H5_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': H5_CSP,
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': REFERRER_POLICY,
  'x-frame-options': 'DENY',
};
