import { ConfigError, type Config } from '../config.js';
import { parseKeySet, publicKeysOf, publishes, TokenSigner, TokenVerifier, type TokenKeySet } from '../adapters/tokens.js';
import { provideTokens } from '../wiring.js';

/**
 * Tokens (jose) for the functions that verify them (every HTTP function: http/handler.ts imports this) or
 * sign them (`auth`): the queue consumers and schedules carry neither jose nor the keys.
 */
provideTokens((cfg, secrets) => {
  const tokenOptions = { issuer: cfg.token.issuer, audience: cfg.token.audience };
  // the key set in the environment (the local stack, tests, benchmarks), read on first use
  let envKeys: { set: TokenKeySet | undefined } | undefined;
  const envKeySet = (): TokenKeySet | undefined => {
    if (!envKeys) {
      const set = cfg.token.key ? parseKeySet(cfg.token.key, cfg.token.keyId) : undefined;
      const previous = cfg.token.previousKey ? parseKeySet(cfg.token.previousKey, cfg.token.previousKeyId).current : undefined;
      envKeys = { set: set && { current: set.current, previous: [...(set.previous ?? []), ...(previous ? [previous] : [])] } };
    }
    return envKeys.set;
  };
  let verifier: TokenVerifier | undefined;
  const tokenVerifier = (): TokenVerifier => {
    if (verifier) return verifier;
    const set = cfg.token.publicKeys ? undefined : envKeySet();
    const keys = cfg.token.publicKeys ?? (set && publicKeysOf(set));
    if (!keys) throw new ConfigError('TOKEN_PUBLIC_KEYS or TOKEN_SIGNING_KEY');
    return (verifier = new TokenVerifier(keys, tokenOptions));
  };
  let fromEnv: TokenSigner | undefined;
  let fromParameter: { raw: string; signer: TokenSigner } | undefined;
  // the key set from the environment, or from SSM (Powertools' cache: a rotated key reaches warm functions)
  const signer = async (): Promise<TokenSigner> => {
    const set = envKeySet();
    if (set) return (fromEnv ??= new TokenSigner(set, tokenOptions));
    if (!cfg.token.parameterName) throw new ConfigError('TOKEN_SIGNING_KEY or TOKEN_KEY_PARAMETER');
    const raw = await secrets(cfg.token.parameterName);
    if (fromParameter?.raw !== raw) fromParameter = { raw, signer: publishedSigner(new TokenSigner(parseKeySet(raw, cfg.token.keyId), tokenOptions), cfg) };
    return fromParameter.signer;
  };
  return { verifier: tokenVerifier, signer };
});

/**
 * A signer whose current key the verifiers know: its public key must be in TOKEN_PUBLIC_KEYS (where that is set),
 * or every token it signed would be refused (docs/deploy.md: publish the public key, deploy, then switch the key).
 */
function publishedSigner(signer: TokenSigner, cfg: Config): TokenSigner {
  const current = signer.publicKeys[0];
  const published = cfg.token.publicKeys;
  if (current && published && !publishes(published, current)) {
    throw new Error(
      `the current token signing key ${current.kid} is not in TOKEN_PUBLIC_KEYS: publish its public key (npm run token:public-keys -- --put) and deploy before switching to it`,
    );
  }
  return signer;
}
