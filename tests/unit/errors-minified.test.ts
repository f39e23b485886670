import { build } from 'esbuild';
import * as shared from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLING } from '../../infra/lib/bundling.js';

/** The shared errors as a Lambda bundle has them: minified, with the stack's name-keeping setting. */
async function minifiedErrors(): Promise<Record<string, unknown>> {
  const out = await build({
    stdin: { contents: "export * from './shared/src/errors.ts';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    minify: true,
    keepNames: LAMBDA_BUNDLING.keepNames,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text ?? '';
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
}

describe('errors in a minified Lambda bundle', () => {
  it('keep their class names in logs (`ValidationError`, not a mangled `pr`)', async () => {
    const bundled = await minifiedErrors();
    const classes = Object.entries(shared).filter(
      ([name, v]) => typeof v === 'function' && /Error$/.test(name) && v.prototype instanceof Error,
    );
    expect(classes.length).toBeGreaterThan(8);
    for (const [name] of classes) {
      const Ctor = bundled[name] as new (...args: unknown[]) => Error;
      expect(typeof Ctor, name).toBe('function');
      // every constructor copes with no arguments (messages have defaults or interpolate undefined)
      const e = name === 'ValidationError' ? new Ctor([{ field: 'title', message: '必填' }]) : new Ctor();
      expect(e.name).toBe(name);
      expect(e).toBeInstanceOf(Error);
    }
    const base = new (bundled.WhistleError as new (code: string, message: string) => Error)('INTERNAL', 'x');
    expect(base.name).toBe('WhistleError');
  });
});
