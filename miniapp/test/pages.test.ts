import { NOTIFICATION_PAGES } from '@whistle/shared';
import { describe, expect, it } from 'vitest';
import { PAGES } from '../src/lib/nav';

/** Every page a link names is a page of the app: the notifier's (WeChat subscribe messages) and the mini-program's own. */
async function appPages(): Promise<Set<string>> {
  (globalThis as { defineAppConfig?: (c: unknown) => unknown }).defineAppConfig = (c) => c;
  const config = (await import('../src/app.config')).default as unknown as { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> };
  return new Set([...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]);
}

describe('pages', () => {
  it('the notifier opens pages the app has', async () => {
    const pages = await appPages();
    for (const [name, page] of Object.entries(NOTIFICATION_PAGES)) expect(pages.has(page), name).toBe(true);
  });

  it('every named page of the app exists', async () => {
    const pages = await appPages();
    for (const [name, page] of Object.entries(PAGES)) expect(pages.has(page.replace(/^\//, '')), `${name}: ${page}`).toBe(true);
  });
});
