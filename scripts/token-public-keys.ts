/**
 * `npm run token:public-keys -- --stage dev [--from-ssm] [--put]`
 *
 * Prints the public keys of a token key set as the functions read them in TOKEN_PUBLIC_KEYS
 * (`[{"kid", "x"}]`, x the Ed25519 public key derived from each key string: functions/src/adapters/tokens.ts),
 * and with `--put` writes them to the SSM String parameter the stack resolves into TOKEN_PUBLIC_KEYS at deploy
 * time. The public keys are not secret; the key set is, and is never printed.
 *
 * The key set is read from stdin (a single key, or `{"current": {"kid", "key"}, "previous": [...]}`, as the
 * SecureString holds it), or with `--from-ssm` from the SecureString itself, with the operator's credentials
 * (the default provider chain: AWS_PROFILE…) and AWS_REGION (or `--region`).
 *
 * Parameter names default to the stack's (`/whistle/<stage>/token-signing-key`, `/whistle/<stage>/token-public-keys`);
 * `--key-parameter` and `--public-parameter` name others (as the contexts tokenKeyParameter and tokenPublicKeysParameter).
 *
 * `--put` refuses a set of public keys that leaves out the current key of the SecureString (the sign-in function would
 * sign tokens nobody verifies, and refuses to): rotate in the order of docs/deploy.md, or pass `--force`.
 */
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { parseArgs } from 'node:util';
import { parseKeySet, publicKeysOf, publishes, type PublicTokenKey } from '../functions/src/adapters/tokens.js';
import { defaultParameterNames } from '../infra/lib/settings.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    region: { type: 'string' },
    'from-ssm': { type: 'boolean', default: false },
    put: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'key-parameter': { type: 'string' },
    'public-parameter': { type: 'string' },
  },
  strict: true,
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const ssmNeeded = values['from-ssm'] || values.put;
if (ssmNeeded && !values.stage && !(values['key-parameter'] && values['public-parameter'])) {
  fail('--stage <stage> (or --key-parameter and --public-parameter) names the parameters to read and write');
}
const defaults = defaultParameterNames(values.stage ?? '');
const keyParameter = values['key-parameter'] ?? defaults.tokenKeyParameter;
const publicParameter = values['public-parameter'] ?? defaults.tokenPublicKeysParameter;
const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
if (ssmNeeded && !region) fail('AWS_REGION (or --region) names the region of the parameters');
const ssm = ssmNeeded ? new SSMClient({ ...(region ? { region } : {}) }) : undefined;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) fail('give the key set on stdin (a key, or {"current": …, "previous": […]}), or --from-ssm');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** the key set in the SecureString, or undefined where there is none yet (a first deploy) */
async function storedKeySet(client: SSMClient): Promise<string | undefined> {
  try {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: keyParameter, WithDecryption: true }));
    return Parameter?.Value;
  } catch (e) {
    if (e instanceof ParameterNotFound) return undefined;
    throw e;
  }
}

const publicKeysOfRaw = (raw: string): PublicTokenKey[] => {
  try {
    return publicKeysOf(parseKeySet(raw));
  } catch (e) {
    return fail(`not a token key set: ${(e as Error).message}`);
  }
};

const raw = values['from-ssm'] && ssm ? await storedKeySet(ssm) : await readStdin();
if (!raw) fail(values['from-ssm'] ? `${keyParameter} does not exist (docs/deploy.md: create it first)` : 'stdin is empty');
const keys = publicKeysOfRaw(raw);
const json = JSON.stringify(keys);

if (values.put && ssm) {
  const stored = values['from-ssm'] ? raw : await storedKeySet(ssm);
  const current = stored === undefined ? undefined : publicKeysOfRaw(stored)[0];
  if (current && !publishes(keys, current) && !values.force) {
    fail(`these public keys leave out ${current.kid}, the current key of ${keyParameter}: tokens it signs would be refused (--force to write them anyway)`);
  }
  await ssm.send(new PutParameterCommand({ Name: publicParameter, Value: json, Type: 'String', Overwrite: true }));
  process.stderr.write(`wrote ${keys.map((k) => k.kid).join(', ')} to ${publicParameter}: deploy (cdk deploy) to give them to the functions\n`);
}
process.stdout.write(`${json}\n`);
