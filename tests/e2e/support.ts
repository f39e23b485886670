import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import type { DevUser, FeedCard, Group, Ticket } from '@whistle/shared';
import { afterAll, beforeAll } from 'vitest';

/**
 * Browser tests against the local stack: Debian Chromium driven by
 * playwright-core, the H5 build served by the stack at `/`, the API at `/api`.
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const H5_DIR = join(ROOT, 'miniapp', 'dist', 'h5');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A working Tuesday morning (10:00 in Shanghai) inside the shipped calendar: the clocks run. */
export const WORKING_MORNING = '2026-06-09T02:00:00.000Z';

/** Builds the H5 bundle when it is missing (or when WHISTLE_E2E_REBUILD=1). */
export function ensureH5Build(): void {
  if (existsSync(join(H5_DIR, 'index.html')) && process.env.WHISTLE_E2E_REBUILD !== '1') return;
  const out = spawnSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (out.status !== 0 || !existsSync(join(H5_DIR, 'index.html'))) throw new Error('npm run build:h5 failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface Stack {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the local stack (seeded demo district) on a free port with a throw-away data folder. Without the
 * district's history: the stories pin the clock to June 2026 and find their own requests on lists that
 * show the newest first, which three months of later history would push off the first page.
 */
export async function startStack(): Promise<Stack> {
  const mod = (await import('../../functions/src/local/stack.js')) as {
    startLocalStack: (opts: { port: number; dataDir: string; seed?: boolean; history?: boolean; h5Dir?: string; timers?: boolean; log?: (l: string) => void }) => Promise<Stack>;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'whistle-e2e-'));
  const stack = await mod.startLocalStack({ port: await freePort(), dataDir, seed: true, history: false, h5Dir: H5_DIR, timers: false, log: () => undefined });
  return {
    url: stack.url,
    async stop() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A thin API client for test setup (personas, the stack's clock); the stories themselves use the UI. */
export class Api {
  private tokens = new Map<string, string>();
  constructor(readonly url: string) {}

  async call<T = unknown>(method: string, path: string, opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: T }> {
    const token = opts.as ? await this.token(opts.as) : undefined;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T>(method: string, path: string, opts: { as?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const r = await this.call<T>(method, path, opts);
    if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async token(userId: string): Promise<string> {
    let t = this.tokens.get(userId);
    if (!t) {
      // `tenant/user`: a persona of another tenant than the dev tenant (as the sign-in page names them)
      const [tenantId, id] = userId.includes('/') ? userId.split('/') : [undefined, userId];
      const r = await this.call<{ token: string }>('POST', '/api/auth/dev-login', { body: tenantId ? { userId: id, tenantId } : { userId } });
      if (r.status !== 200) throw new Error(`dev-login ${userId}: ${r.status} ${JSON.stringify(r.body)}`);
      t = r.body.token;
      this.tokens.set(userId, t);
    }
    return t;
  }

  async personas(): Promise<DevUser[]> {
    const r = await this.ok<DevUser[] | { items: DevUser[] }>('GET', '/api/auth/dev-users');
    return Array.isArray(r) ? r : r.items;
  }

  /** Pins the stack's clock (the dev route takes a signed-in supervisor or admin). */
  async setClock(now: string | null, as: string): Promise<void> {
    await this.ok('POST', '/api/dev/clock', { as, body: { now } });
  }

  /** Runs the schedules now (as a signed-in supervisor or admin, like the clock). */
  async runSchedules(as: string): Promise<void> {
    await this.ok('POST', '/api/dev/run-schedules', { as, body: {} });
  }

  async createTicket(as: string, body: Record<string, unknown>): Promise<Ticket> {
    const key = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const r = await this.ok<{ ticket: Ticket }>('POST', '/api/tickets', { as, body, headers: { 'idempotency-key': key } });
    return r.ticket;
  }

  async ticket(id: string, as: string): Promise<Ticket> {
    return (await this.ok<{ ticket: Ticket }>('GET', `/api/tickets/${id}`, { as })).ticket;
  }

  async groups(as: string): Promise<Group[]> {
    return (await this.ok<{ items: Group[] }>('GET', '/api/groups', { as })).items;
  }

  async feed(groupId: string, as: string): Promise<FeedCard[]> {
    return (await this.ok<{ items: FeedCard[] }>('GET', `/api/groups/${groupId}/feed?limit=100`, { as })).items;
  }
}

export const isRole = (u: DevUser, role: DevUser['roles'][number]) => u.roles.includes(role);
/** A plain officer: officer role, a unit, and not also the unit's lead. */
export const isPlainOfficer = (u: DevUser) => isRole(u, 'officer') && !!u.unitId && !isRole(u, 'unitLead');

/**
 * Two officers of different units whose units are both members of one of the
 * ticket's groups: the claim race. Answers the group too.
 */
export async function rivalsFor(api: Api, ticket: Ticket, people: DevUser[]): Promise<{ group: Group; a: DevUser; b: DevUser }> {
  const officers = people.filter(isPlainOfficer);
  for (const groupId of ticket.groupIds) {
    for (const a of officers) {
      const groups = await api.groups(a.userId);
      const group = groups.find((g) => g.id === groupId);
      if (!group || !group.memberUnitIds.includes(a.unitId ?? '')) continue;
      const b = officers.find((o) => o.unitId !== a.unitId && group.memberUnitIds.includes(o.unitId ?? ''));
      if (b) return { group, a, b };
    }
  }
  throw new Error(`no two officers of different units share a group of ticket ${ticket.number}`);
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-wqy-zenhei`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context whose clock reads `now` (the stack's pinned time; timers keep running), in Chinese and
 * Shanghai time, with its page and the errors the page reports.
 */
export async function browserContext(browser: Browser, now: string, options: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/** A phone-sized context (see `browserContext`). */
export const phone = (browser: Browser, now: string) => browserContext(browser, now, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForTimeout(400); // let toasts, fonts and transitions settle
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Opens the app and signs in through the persona picker. */
export async function signIn(page: Page, url: string, userId: string): Promise<void> {
  await page.goto(`${url}/#/pages/login/index`);
  const persona = page.locator(`.persona[data-user="${userId}"]`);
  await persona.waitFor({ state: 'visible', timeout: 20_000 });
  await persona.click();
  await page.locator('.hello__name').waitFor({ state: 'visible', timeout: 20_000 });
}

/** Taro renders `<taro-input-core><input></taro-input-core>`: type into the real element. */
export const field = (scope: Page | Locator, cls: string, tag: 'input' | 'textarea' = 'input'): Locator =>
  scope.locator(`.${cls} ${tag}`).first();

export const toastText = (page: Page): Locator => page.locator('.taro__toast, .weui-toast, .taro-toast').first();

/** Taro H5 keeps the pages below the top one in the DOM (hidden): match only what is on screen. */
export const visible = (page: Page, selector: string, opts: { hasText?: string | RegExp } = {}): Locator =>
  page.locator(selector, opts).filter({ visible: true });

/** The card of a ticket in a group feed. */
export const feedCard = (page: Page, ticketId: string): Locator => page.locator(`.bubble-row[data-ticket="${ticketId}"]`);

export const ticketIdFromUrl = (url: string): string | undefined => /[?&]id=([^&#]+)/.exec(url)?.[1];

/** What a browser story works with, filled in before its first test. */
export interface Story {
  stack: Stack;
  api: Api;
  browser: Browser;
  people: DevUser[];
}

/**
 * One story file's world: the H5 build, the local stack, an API client, the
 * personas and Chromium, set up before the file's tests (the stack's clock at
 * `at` when given) and closed after them.
 */
export function useStory(opts: { at?: string } = {}): Story {
  const story = {} as Story;
  beforeAll(async () => {
    ensureH5Build();
    story.stack = await startStack();
    story.api = new Api(story.stack.url);
    story.people = await story.api.personas();
    story.browser = await launchBrowser();
    if (opts.at) await story.api.setClock(opts.at, story.people.find((p) => p.roles.includes('supervisor'))?.userId ?? 'supervisor');
  });
  afterAll(async () => {
    await story.browser?.close();
    await story.stack?.stop();
  });
  return story;
}

/** Console noise that is not an app error: the browser logs every 4xx answer (a lost claim is a 409). */
export const appErrors = (errors: string[]): string[] => errors.filter((e) => !/Failed to load resource/.test(e));
