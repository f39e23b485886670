/**
 * The benches' callers (phones, browsers): HTTP requests made from a worker
 * thread, so what they cost is not charged to the system under test. The
 * local gateway, the handlers and the store run in the bench's main thread, as
 * one process serves them in `npm start`; the callers are elsewhere, as they
 * are in life. Latency is measured where the caller is: request sent to
 * answer read.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  ms: number;
}

type Job = { id: number; baseUrl: string; calls: HttpCall[]; concurrency: number };
type Done = { id: number; answers: HttpAnswer[]; seconds: number } | { id: number; error: string };

/** One request, timed from sending to the answer read; the body parsed when it is JSON. */
export async function httpCall(baseUrl: string, c: HttpCall): Promise<HttpAnswer> {
  const s = performance.now();
  const res = await fetch(`${baseUrl}${c.path}`, {
    method: c.method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}`, ...c.headers },
    ...(c.body !== undefined ? { body: JSON.stringify(c.body) } : {}),
  });
  const text = await res.text();
  const ms = performance.now() - s;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body, ms };
}

/** In the worker: runs `calls` with `concurrency` in flight (all of them at once when it is their number). */
async function runJob(job: Job): Promise<{ answers: HttpAnswer[]; seconds: number }> {
  const answers = new Array<HttpAnswer>(job.calls.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(job.concurrency, job.calls.length) }, async () => {
      for (let i = next++; i < job.calls.length; i = next++) {
        const c = job.calls[i];
        if (c) answers[i] = await httpCall(job.baseUrl, c);
      }
    }),
  );
  return { answers, seconds: (performance.now() - t0) / 1000 };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    runJob(job).then(
      (out) => port.postMessage({ id: job.id, ...out } satisfies Done),
      (e: unknown) => port.postMessage({ id: job.id, error: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies Done),
    );
  });
}

export interface HttpLoad {
  /** `calls` with `concurrency` in flight; answers in the order of `calls` */
  run(calls: HttpCall[], concurrency: number): Promise<{ answers: HttpAnswer[]; seconds: number }>;
  /** every call at once */
  burst(calls: HttpCall[]): Promise<HttpAnswer[]>;
  close(): Promise<void>;
}

export function startHttpLoad(baseUrl: string): HttpLoad {
  // the worker runs this module, TypeScript through tsx's loader as the bench itself
  const worker = new Worker(
    `(async () => { (await import('tsx/esm/api')).register(); await import(${JSON.stringify(import.meta.url)}); })()`,
    { eval: true },
  );
  const pending = new Map<number, { resolve: (d: { answers: HttpAnswer[]; seconds: number }) => void; reject: (e: Error) => void }>();
  let ids = 0;
  worker.on('message', (d: Done) => {
    const p = pending.get(d.id);
    pending.delete(d.id);
    if ('error' in d) p?.reject(new Error(d.error));
    else p?.resolve(d);
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const run = (calls: HttpCall[], concurrency: number) =>
    new Promise<{ answers: HttpAnswer[]; seconds: number }>((resolve, reject) => {
      const id = ++ids;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, baseUrl, calls, concurrency } satisfies Job);
    });
  return {
    run,
    burst: async (calls) => (await run(calls, calls.length)).answers,
    close: async () => {
      await worker.terminate();
    },
  };
}
