/**
 * `globalThis` for older WeChat JS engines: zod reads it while loading. The
 * classic trick: a getter on Object.prototype, reached through the global
 * scope, answers the global object itself.
 */
declare const __whistleGlobal__: Record<string, unknown> | undefined;

if (typeof globalThis === 'undefined') {
  Object.defineProperty(Object.prototype, '__whistleGlobal__', {
    get(this: unknown) {
      return this;
    },
    configurable: true,
  });
  if (typeof __whistleGlobal__ !== 'undefined') __whistleGlobal__.globalThis = __whistleGlobal__;
  delete (Object.prototype as Record<string, unknown>).__whistleGlobal__;
}

export {};
