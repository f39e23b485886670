import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { H5_SECURITY_HEADERS, matchRoute, NotFoundError, PayloadTooLargeError, routeKey, toEnvelope, type HttpFunctionName } from '@whistle/shared';
import { FUNCTIONS } from '../topology.js';

type HttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The local HTTP gateway: turns each request into an API Gateway HTTP API
 * (payload 2.0) event and invokes the same handler module AWS runs, chosen by
 * the same route table. Everything else is the H5 build, served statically.
 */
const handlers = new Map<HttpFunctionName, Promise<HttpHandler>>();
export function loadHttpHandler(fn: HttpFunctionName): Promise<HttpHandler> {
  let h = handlers.get(fn);
  if (!h) {
    h = import(`../handlers/${FUNCTIONS[fn].entry}.ts`).then((m: { handler: HttpHandler }) => m.handler);
    handlers.set(fn, h);
  }
  return h;
}

/** API Gateway's payload limit (the handlers' own is 64 KB: http/handler.ts) */
const MAX_BODY = 10 * 1024 * 1024;
/** how much past the limit is still read and dropped before the connection is cut */
const DRAIN_LIMIT = 8 * MAX_BODY;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Reads the request body up to API Gateway's own limit (10 MB). Past it the
 * rest is read and dropped (so the client, still sending, gets the answer
 * rather than a connection reset) and `undefined` is returned: a 413. A
 * client that goes on far past the limit is cut off.
 */
const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | undefined>((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_LIMIT) req.destroy();
      else if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolveBody(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

function toEvent(req: IncomingMessage, url: URL, route: string, params: Record<string, string>, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
}

/**
 * Every answer carries the H5 origin's security headers, as CloudFront adds
 * them to the site and to /api/* (infra/lib/h5-site.ts). The only name both
 * set is x-content-type-options, with the same value.
 */
function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  res.writeHead(result.statusCode ?? 200, { ...H5_SECURITY_HEADERS, ...(result.headers as Record<string, string> | undefined) });
  // a file: API Gateway decodes a body marked base64 and sends the bytes
  res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });

function serveStatic(res: ServerResponse, root: string | undefined, pathname: string): void {
  if (!root || !existsSync(join(root, 'index.html'))) {
    res.writeHead(503, { ...H5_SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'retry-after': '10', refresh: '10' });
    res.end('<!doctype html><meta charset="utf-8"><title>Whistle</title><h1>Whistle · 企业吹哨</h1><p>小程序 H5 正在构建（首次启动约需半分钟到一分钟），本页会自动刷新；若长时间未出现，请运行 <code>npm run build:h5</code>。</p><p>The H5 build is not there yet: the first start builds it in the background (this page refreshes itself), or run <code>npm run build:h5</code>.</p><p>API: <a href="/api/health">/api/health</a></p>');
    return;
  }
  let decoded = '/';
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // a malformed escape (`/%ZZ`): the app's index, not an unhandled rejection that stops the local stack
  }
  const rel = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = resolve(root, `.${rel}`);
  if (!file.startsWith(resolve(root)) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  res.writeHead(200, {
    ...H5_SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  res.end(readFileSync(file));
}

export interface GatewayOptions {
  port: number;
  host?: string;
  h5Dir?: string;
  onError?: (e: unknown) => void;
}

export async function startGateway(opts: GatewayOptions): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return serveStatic(res, opts.h5Dir, url.pathname);
      try {
        // the body first, whatever the answer: answering before it is read would reset a client still sending
        const body = await readBody(req);
        if (!body) throw new PayloadTooLargeError(MAX_BODY);
        const matched = matchRoute(req.method ?? 'GET', url.pathname);
        if (!matched) throw new NotFoundError('接口');
        const handler = await loadHttpHandler(matched.route.fn);
        send(res, await handler(toEvent(req, url, routeKey(matched.route), matched.params, body)));
      } catch (e) {
        if (e instanceof NotFoundError || e instanceof PayloadTooLargeError) return sendJson(res, e.status, toEnvelope(e));
        opts.onError?.(e);
        sendJson(res, 500, { error: { code: 'INTERNAL', message: '网关内部错误' } });
      }
    })();
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { server, url: `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : 'localhost'}:${port}` };
}
