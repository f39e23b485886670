/**
 * CDK app entry (cdk.json: `npx tsx infra/bin/app.ts`). See docs/deploy.md
 * for the context keys (`-c stage=prod`, `-c region=…`, `-c devRoutes=true`, …).
 * Synthesizes offline: no credentials, Docker or lookups needed.
 */
import { App } from 'aws-cdk-lib';
import { buildApp, wantsSkipBundling } from '../lib/app.js';
import { SettingsError } from '../lib/settings.js';
import { MissingHandlerError } from '../lib/whistle-stack.js';

try {
  const app = new App();
  if (wantsSkipBundling(app)) app.node.setContext('aws:cdk:bundling-stacks', []);
  buildApp(app);
  app.synth();
} catch (e) {
  if (e instanceof SettingsError || e instanceof MissingHandlerError) {
    console.error(`whistle infra: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
