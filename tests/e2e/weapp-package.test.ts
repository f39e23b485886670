import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The weapp build as WeChat DevTools opens it: a valid app.json whose every
 * page (main package and subpackages) exists with its script, config and
 * template, a project.config.json, and the package-size limits. (DevTools
 * itself does not run on Linux; this checks what it reads.)
 */
const DIST = 'miniapp/dist/weapp';
const MAIN_LIMIT = 2 * 1024 * 1024; // WeChat's hard limit for the main package
const MAIN_BUDGET = 600 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024; // and for the whole app with subpackages

const sizeOf = (dir: string, skip: (rel: string) => boolean = () => false, base = dir): number =>
  readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const rel = path.slice(base.length + 1);
    if (skip(rel) || name.endsWith('.LICENSE.txt')) return sum;
    return sum + (statSync(path).isDirectory() ? sizeOf(path, skip, base) : statSync(path).size);
  }, 0);

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  window?: Record<string, unknown>;
}

let app: AppJson;
beforeAll(() => {
  // built as it ships: vitest runs with NODE_ENV=test, which would make Taro build an unminified package twice the size
  const out = spawnSync('npm', ['run', 'build:weapp', '--silent'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (out.status !== 0) throw new Error('weapp build failed');
  app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as AppJson;
}, 300_000);

describe('weapp package', () => {
  it('has an app.json whose every page exists with script, config and template', () => {
    expect(app.pages[0]).toBe('pages/index/index');
    const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    expect(pages.length).toBeGreaterThanOrEqual(14);
    for (const page of pages) {
      for (const ext of ['.js', '.json', '.wxml']) expect(existsSync(join(DIST, `${page}${ext}`)), `${page}${ext}`).toBe(true);
      JSON.parse(readFileSync(join(DIST, `${page}.json`), 'utf8'));
    }
    expect(app.window?.navigationBarTitleText).toBe('企业吹哨');
  });

  it('has a project.config.json DevTools can open', () => {
    const project = JSON.parse(readFileSync(join(DIST, 'project.config.json'), 'utf8')) as Record<string, unknown>;
    expect(project.compileType).toBe('miniprogram');
    expect(project.miniprogramRoot).toBe('./');
    expect(typeof project.appid).toBe('string');
  });

  it('keeps the main package within WeChat’s limit (and role areas in subpackages)', () => {
    const roots = (app.subPackages ?? []).map((s) => s.root);
    expect(roots).toEqual(expect.arrayContaining(['owner', 'officer', 'desk', 'supervise', 'assess']));
    const main = sizeOf(DIST, (rel) => roots.some((r) => rel === r || rel.startsWith(`${r}/`)));
    expect(main).toBeLessThan(MAIN_LIMIT);
    // the project's own budget for the main package (role areas and charts live in subpackages)
    expect(main).toBeLessThan(MAIN_BUDGET);
    expect(sizeOf(DIST)).toBeLessThan(TOTAL_LIMIT);
  });

  it('ships the chart library (uCharts) in the assessment subpackage only', () => {
    const scripts = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? scripts(path) : name.endsWith('.js') ? [path] : [];
      });
    const withCharts = scripts(DIST)
      .filter((p) => readFileSync(p, 'utf8').includes('[uCharts]'))
      .map((p) => p.slice(DIST.length + 1));
    expect(withCharts).toEqual(['assess/sub-vendors.js']);
  });
});
