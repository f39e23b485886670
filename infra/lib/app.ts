import { Tags, type App } from 'aws-cdk-lib';
import { readSettings } from './settings.js';
import { WhistleStack, type WhistleStackProps } from './whistle-stack.js';

/** Adds the Whistle stack for the stage named in the app's context (default dev). */
export function buildApp(app: App, overrides: Pick<WhistleStackProps, 'handlersDir' | 'h5Dist'> = {}): WhistleStack {
  const settings = readSettings((key) => app.node.tryGetContext(key));
  const stack = new WhistleStack(app, `Whistle-${settings.stage}`, {
    settings,
    description: `Whistle (enterprise service desk), stage ${settings.stage}`,
    // account from the CLI's credentials when there are any; env-agnostic otherwise
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
    terminationProtection: settings.isProd,
    ...overrides,
  });
  Tags.of(stack).add('project', 'whistle');
  Tags.of(stack).add('stage', settings.stage);
  return stack;
}

/** `-c skipBundling=true`: template only (fast, works without the handler modules); not deployable. */
export const wantsSkipBundling = (app: App): boolean => String(app.node.tryGetContext('skipBundling')) === 'true';
