import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ssmSecrets } from '../adapters/secrets.js';
import { LOCAL_CREDENTIALS, provideSecrets } from '../wiring.js';

/**
 * SSM SecureStrings through Powertools Parameters (and with them the SSM client), for the functions that read a
 * secret: `auth` (the token signing key, the WeChat app secret at sign-in) and the notifier (the WeChat app secret
 * for subscribe messages). Every other function verifies tokens with the public keys in its environment.
 */
provideSecrets((cfg) =>
  ssmSecrets(cfg.endpoints.ssm ? new SSMProvider({ clientConfig: { region: cfg.region, endpoint: cfg.endpoints.ssm, credentials: LOCAL_CREDENTIALS } }) : undefined),
);
