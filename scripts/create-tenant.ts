/**
 * `npm run tenant:create -- --id fengjie --name 奉节县 --province cq --admin-name 王芳 --admin-phone 13800000000`
 *
 * Creates a tenant through the same service as `POST /api/platform/tenants`
 * (functions/src/services/tenancy.ts): the tenant on its absence, its registry
 * entry, the sweep's registration, its settings, its first admin, the audit
 * entries. Running the same command again is a retry (the same answer, nothing
 * written twice); another command for an existing id is refused.
 *
 * Where it writes:
 * - by default the local stack's table: through the running `npm start`'s
 *   dynalite (the endpoint it leaves in DATA_DIR/dynamodb.endpoint), or, when
 *   the stack is stopped, by opening DATA_DIR/dynamodb itself (DATA_DIR
 *   defaults to .data/);
 * - with TABLE_NAME set, that table as configured (functions/src/config.ts):
 *   on AWS, `AWS_REGION=cn-north-1 TABLE_NAME=<the stack's table> npm run tenant:create -- …`
 *   with the credentials of the default provider chain (AWS_PROFILE…); see docs/operations.md.
 *
 * Options: --kind district|province|platform (default district; `platform`: the deployment's platform tenant,
 * made once, whose first user is its first operator: `--admin-name` names them), --province <id> (a district's),
 * --admin-id <id> (default admin), --office-hours 09:00-12:00,13:30-17:30,
 * --clock-policy <file.json>, --calendar <file.json> ({year, holidays, workdays, source}),
 * --key <idempotency key> (default: derived from the options), --data-dir <dir>.
 */
import '../functions/src/wiring/assessment.js';
import '../functions/src/wiring/tenants.js';
import '../functions/src/wiring/wechat.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliTenantBody, isWhistleError, parseOrThrow } from '@whistle/shared';
import { resetConfig } from '../functions/src/config.js';
import { ensureTable, LOCAL_REGION, startLocalServices } from '../functions/src/local/services.js';
import { LOCAL_TABLE_NAME, localEndpointFile } from '../functions/src/local/stack.js';
import { createTenant } from '../functions/src/services/tenancy.js';
import { resetWiring, wire } from '../functions/src/wiring.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', default: 'district' },
    province: { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-phone': { type: 'string' },
    'admin-id': { type: 'string' },
    'office-hours': { type: 'string' },
    'clock-policy': { type: 'string' },
    calendar: { type: 'string' },
    key: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

const readJson = (file: string | undefined): unknown => (file ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined);
const raw = {
  id: values.id,
  name: values.name,
  kind: values.kind,
  ...(values.province ? { provinceId: values.province } : {}),
  ...(values['office-hours']
    ? { officeHours: values['office-hours'].split(',').map((p) => ({ start: p.split('-')[0] ?? '', end: p.split('-')[1] ?? '' })) }
    : {}),
  ...(values['clock-policy'] ? { clockPolicy: readJson(values['clock-policy']) } : {}),
  ...(values.calendar ? { calendar: readJson(values.calendar) } : {}),
  admin: { name: values['admin-name'], phone: values['admin-phone'], ...(values['admin-id'] ? { userId: values['admin-id'] } : {}) },
};

function fail(message: string): never {
  console.error(`[tenant:create] ${message}`);
  process.exit(1);
}

let body: CliTenantBody;
try {
  body = parseOrThrow(CliTenantBody, raw) as CliTenantBody;
} catch (e) {
  const details = isWhistleError(e) && Array.isArray(e.details) ? (e.details as Array<{ field: string; message: string }>) : [];
  fail(details.length > 0 ? details.map((d) => `${d.field}: ${d.message}`).join('; ') : String(e));
}
// the same options again are a retry of the same request
const key = values.key ?? `cli-${createHash('sha256').update(JSON.stringify(raw)).digest('hex').slice(0, 40)}`;

let stop: (() => Promise<void>) | undefined;
if (!process.env.TABLE_NAME) {
  const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.data');
  const endpointFile = localEndpointFile(dataDir);
  let endpoint = existsSync(endpointFile) ? readFileSync(endpointFile, 'utf8').trim() : undefined;
  if (endpoint && !(await fetch(endpoint).then(() => true, () => false))) endpoint = undefined;
  if (!endpoint) {
    // the stack is not running: open its data folder ourselves
    const services = await startLocalServices({ dataDir: join(dataDir, 'dynamodb') });
    endpoint = services.dynamodbEndpoint;
    stop = () => services.stop();
  }
  await ensureTable(endpoint, LOCAL_TABLE_NAME);
  Object.assign(process.env, { TABLE_NAME: LOCAL_TABLE_NAME, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: LOCAL_REGION });
}
// the service writes only to the table: the queues are not used here (nor is any token key)
process.env.ESCALATION_QUEUE_URL ??= 'unused-by-the-cli';
process.env.OUTBOX_QUEUE_URL ??= 'unused-by-the-cli';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
resetConfig();
resetWiring();

try {
  const deps = wire();
  const { answer, replayed } = await createTenant(deps, { userId: 'cli', name: `命令行（${userInfo().username}）` }, body, key);
  console.log(JSON.stringify(answer, null, 2));
  console.error(`[tenant:create] ${replayed ? 'already created by this same command: nothing written again' : `created ${answer.tenant.id} (${answer.tenant.name}); first admin ${answer.admin.userId}`}`);
} catch (e) {
  if (isWhistleError(e)) fail(`${e.code}: ${e.message}`);
  throw e;
} finally {
  await stop?.();
}
