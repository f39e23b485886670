import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A misbehaving AWS JSON-protocol endpoint for the adapters' retry and error
 * tests (the SDK clients pointed at it with `endpoint`): each request takes the next scripted answer (a 500 InternalError once
 * the script runs out) and is recorded with its X-Amz-Target.
 */
export interface FakeAnswer {
  status: number;
  body: unknown;
}
export type FakeScript = (body: Record<string, unknown>) => FakeAnswer;

export interface FakeAws {
  endpoint: string;
  /** the next requests' answers, in order */
  script(...answers: FakeScript[]): void;
  /** the actions received since the last script() */
  readonly calls: string[];
  /** their request bodies */
  readonly bodies: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeAws(): Promise<FakeAws> {
  let answers: FakeScript[] = [];
  const calls: string[] = [];
  const bodies: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push(String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      bodies.push(body);
      const next = answers.shift() ?? (() => ({ status: 500, body: { __type: 'InternalError' } }));
      const out = next(body);
      res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    script(...next) {
      answers = next;
      calls.length = 0;
      bodies.length = 0;
    },
    calls,
    bodies,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
