/**
 * How every function is bundled, as plain data: the stack turns it into
 * NodejsFunction bundling options and tests/bench/lambda.ts into esbuild build
 * options, so the benchmark measures exactly what gets deployed.
 *
 * Deliberately imports nothing (not even esbuild): `npx esbuild` from the repo
 * root is what CDK runs, and the bench imports esbuild from the root too.
 */
export const LAMBDA_BUNDLING = {
  /** the Lambda runtime is nodejs22.x */
  target: 'node22',
  platform: 'node',
  format: 'esm',
  /** the file NodejsFunction writes for ESM output; handler is `index.handler` */
  outFile: 'index.mjs',
  minify: true,
  /**
   * external `index.mjs.map`: stack traces are mapped with it when an error is
   * logged (functions/src/adapters/source-mapped-stacks.ts), not through
   * NODE_OPTIONS=--enable-source-maps, which parses it at every cold start
   */
  sourceMap: true,
  /** the map carries names and positions only, not the sources: smaller asset */
  sourcesContent: false,
  /** prefer ESM builds of dependencies (better tree shaking) */
  mainFields: ['module', 'main'],
  /** keep Chinese strings readable (and shorter) instead of \uXXXX escapes */
  charset: 'utf8',
  /**
   * CommonJS dependencies bundled into ESM still call `require` for Node
   * built-ins; give them one. Aliased so it cannot collide with bundled names.
   */
  banner: "import{createRequire as __whistleCreateRequire}from'node:module';const require=__whistleCreateRequire(import.meta.url);",
  /**
   * Class and function names are not kept: keeping them wraps every function
   * and class of the bundle in a naming call at start-up (~25 ms of a cold
   * start in tests/bench/lambda.ts, zod's classes above all) and ~6 % of the
   * bytes. The shared errors name themselves with literals instead.
   */
  keepNames: false,
  /**
   * Bundle what the functions use of the AWS SDK v3 (the DynamoDB document
   * client, SQS, and SSM through Powertools Parameters) instead of the copy in
   * the nodejs22.x runtime: it pins the version the tests ran against
   * (tests/bench/lambda.ts prints the bundle sizes).
   */
  bundleAwsSdk: true,
  /**
   * Modules replaced in the bundle (repo-relative paths). On Lambda the
   * function's credentials are always in the environment, so the SDK's default
   * credential chain (SSO, INI, web identity, IMDS and the STS/SSO clients they
   * carry, ~135 KB) is replaced by an environment-only provider
   * (functions/src/adapters/lambda-credentials.ts): bundles and cold starts shrink with it.
   */
  aliases: { '@aws-sdk/credential-provider-node': 'functions/src/adapters/lambda-credentials.ts' },
} as const;

/** esbuild aliases with absolute paths (only when the SDK is bundled: otherwise the runtime's SDK is used as is) */
export const bundleAliases = (repoRoot: string, bundleAwsSdk: boolean = LAMBDA_BUNDLING.bundleAwsSdk): Record<string, string> =>
  bundleAwsSdk ? Object.fromEntries(Object.entries(LAMBDA_BUNDLING.aliases).map(([from, to]) => [from, `${repoRoot}/${to}`])) : {};

/**
 * The esbuild build options these settings stand for, for what bundles with
 * esbuild directly (tests/bench/lambda.ts, the source-map test) as CDK does.
 */
export const esbuildOptions = (b: typeof LAMBDA_BUNDLING = LAMBDA_BUNDLING) => ({
  bundle: true,
  platform: b.platform,
  target: b.target,
  format: b.format,
  minify: b.minify,
  sourcemap: b.sourceMap,
  sourcesContent: b.sourcesContent,
  mainFields: [...b.mainFields],
  charset: b.charset,
  banner: { js: b.banner },
  keepNames: b.keepNames,
});

/** modules left out of the bundle (provided by the runtime) */
export const externalModules = (bundleAwsSdk: boolean = LAMBDA_BUNDLING.bundleAwsSdk): string[] =>
  bundleAwsSdk ? [] : ['@aws-sdk/*', '@smithy/*'];
