import Taro from '@tarojs/taro';
import { CreateTicketBody, type Category, type Channel, type Priority, type Ticket } from '@whistle/shared';
import { api, isApiError } from '../api';
import { readStore, removeStore, STORE_KEYS, writeStore } from './storage';

/**
 * Weak-network intake (我要吹哨). The form is a draft in storage with an
 * idempotency key made once when the draft starts. Submitting moves it to the
 * outbox; an outbox entry is sent with the same key until the server answers
 * with the ticket, and only then removed. The server returns the same ticket
 * for a repeated key, so a retry can never raise the request twice.
 */

export interface Draft {
  key: string;
  startedAt: string;
  category?: Category;
  priority: Priority;
  title: string;
  description: string;
  enterpriseId?: string;
  channel?: Channel;
  /** a policy consultation (我要申报/咨询): routed straight to the policy's unit */
  policyId?: string;
}

export interface OutboxEntry {
  key: string;
  body: CreateTicketBody;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  /** the server asked to wait (429 Retry-After): not sent again before this instant */
  notBefore?: string;
}

/** The seconds a 429's envelope asks to wait (`details.retryAfterSeconds`), if any. */
const retryAfterOf = (e: unknown): number | undefined => {
  if (!isApiError(e) || e.status !== 429) return undefined;
  const s = (e.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s : undefined;
};

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** An Idempotency-Key: `[A-Za-z0-9_-]{8,128}`. */
export function newIdempotencyKey(): string {
  let rand = '';
  for (let i = 0; i < 16; i++) rand += KEY_ALPHABET.charAt(Math.floor(Math.random() * KEY_ALPHABET.length));
  return `wx-${Date.now().toString(36)}-${rand}`;
}

export const newDraft = (): Draft => ({
  key: newIdempotencyKey(),
  startedAt: new Date().toISOString(),
  priority: 'normal',
  title: '',
  description: '',
});

/** A policy consultation keeps its draft apart, so asking about a policy never overwrites a request being written. */
const draftKey = (consultation: boolean): string => (consultation ? STORE_KEYS.consultDraft : STORE_KEYS.draft);
export const loadDraft = (consultation = false): Draft | undefined => readStore<Draft>(draftKey(consultation));
export const saveDraft = (d: Draft): void => writeStore(draftKey(!!d.policyId), d);
export const clearDraft = (consultation = false): void => removeStore(draftKey(consultation));

export const listOutbox = (): OutboxEntry[] => readStore<OutboxEntry[]>(STORE_KEYS.outbox) ?? [];
const writeOutbox = (entries: OutboxEntry[]): void => {
  if (entries.length) writeStore(STORE_KEYS.outbox, entries);
  else removeStore(STORE_KEYS.outbox);
  Taro.eventCenter.trigger(OUTBOX_CHANGED);
};
const updateEntry = (key: string, f: (e: OutboxEntry) => OutboxEntry | undefined): void => {
  const next: OutboxEntry[] = [];
  for (const e of listOutbox()) {
    if (e.key !== key) next.push(e);
    else {
      const u = f(e);
      if (u) next.push(u);
    }
  }
  writeOutbox(next);
};

export const OUTBOX_CHANGED = 'whistle:outbox-changed';
export const OUTBOX_SENT = 'whistle:outbox-sent';

export interface FieldErrors {
  [field: string]: string | undefined;
}

/** Validates a draft with the shared schema; Chinese messages per field. */
export function validateDraft(d: Draft, onBehalf: boolean): { ok: true; body: CreateTicketBody } | { ok: false; errors: FieldErrors } {
  const input: Record<string, unknown> = {
    title: d.title,
    description: d.description,
    category: d.category,
    priority: d.priority,
  };
  if (onBehalf) {
    input.enterpriseId = d.enterpriseId ?? '';
    input.channel = d.channel ?? 'hotline';
  }
  if (d.policyId) input.policyId = d.policyId;
  const r = CreateTicketBody.safeParse(input);
  if (r.success) return { ok: true, body: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors[field]) errors[field] = field === 'enterpriseId' && d.enterpriseId === undefined ? '请选择企业' : issue.message;
  }
  return { ok: false, errors };
}

export type SendResult =
  | { kind: 'sent'; ticket: Ticket }
  | { kind: 'queued'; message: string }
  | { kind: 'rejected'; message: string; code: string };

type Sender = (body: CreateTicketBody, key: string) => Promise<{ ticket: Ticket }>;
const defaultSender: Sender = (body, key) => api.createTicket(body, key);

const inFlight = new Map<string, Promise<SendResult>>();

/** Sends one outbox entry (at most one request in flight per key). */
export function sendEntry(entry: OutboxEntry, send: Sender = defaultSender): Promise<SendResult> {
  const running = inFlight.get(entry.key);
  if (running) return running;
  const p = (async (): Promise<SendResult> => {
    try {
      const { ticket } = await send(entry.body, entry.key);
      updateEntry(entry.key, () => undefined);
      return { kind: 'sent', ticket };
    } catch (e) {
      if (isApiError(e) && !e.retryable) {
        // the server refused it for good (validation, forbidden…): back to the form
        updateEntry(entry.key, () => undefined);
        return { kind: 'rejected', message: e.message, code: e.code };
      }
      const message = isApiError(e) ? e.message : '网络连接失败';
      const wait = retryAfterOf(e);
      updateEntry(entry.key, (x) => ({ ...x, attempts: x.attempts + 1, lastError: message, ...(wait ? { notBefore: new Date(Date.now() + wait * 1000).toISOString() } : {}) }));
      return { kind: 'queued', message };
    } finally {
      inFlight.delete(entry.key);
    }
  })();
  inFlight.set(entry.key, p);
  return p;
}

/**
 * Submits the draft: it becomes an outbox entry (and stops being a draft)
 * before the first attempt, so closing the app mid-request loses nothing.
 */
export async function submitDraft(d: Draft, body: CreateTicketBody, send: Sender = defaultSender): Promise<SendResult> {
  const entry: OutboxEntry = { key: d.key, body, queuedAt: new Date().toISOString(), attempts: 0 };
  writeOutbox([...listOutbox().filter((e) => e.key !== d.key), entry]);
  clearDraft(!!d.policyId);
  const result = await sendEntry(entry, send);
  if (result.kind === 'rejected') {
    // keep what was typed; a key the server saw with other content gets a new one
    saveDraft({ ...d, key: result.code === 'IDEMPOTENCY_MISMATCH' ? newIdempotencyKey() : d.key });
  }
  return result;
}

let flushing: Promise<Ticket[]> | undefined;

/** Sends everything waiting in the outbox; answers the tickets the server took. */
export function flushOutbox(send: Sender = defaultSender): Promise<Ticket[]> {
  if (flushing) return flushing;
  const entries = listOutbox();
  if (!entries.length) return Promise.resolve([]);
  flushing = (async () => {
    const sent: Ticket[] = [];
    for (const e of entries) {
      if (!listOutbox().some((x) => x.key === e.key)) continue; // sent meanwhile
      if (e.notBefore && Date.parse(e.notBefore) > Date.now()) continue; // the server asked to wait
      const r = await sendEntry(e, send);
      if (r.kind === 'sent') sent.push(r.ticket);
      if (r.kind === 'queued') break; // still offline: try again later
    }
    if (sent.length) Taro.eventCenter.trigger(OUTBOX_SENT, sent);
    return sent;
  })().finally(() => {
    flushing = undefined;
  });
  return flushing;
}
