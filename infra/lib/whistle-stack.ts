/**
 * The Whistle stack: one DynamoDB table, the SQS queues with their DLQs, one
 * Lambda function per FUNCTIONS entry, the HTTP API serving exactly ROUTES,
 * the EventBridge schedules, alarms, and optionally the H5 site.
 *
 * Everything is built from the single sources (shared/src/routes.ts,
 * shared/src/table.ts, functions/src/topology.ts); nothing here lists routes,
 * functions, queues or indexes by hand.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Annotations, ArnFormat, Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION, type IndexDefinition } from '@whistle/shared';
import { LAMBDA_BUNDLING, bundleAliases, externalModules } from './bundling.js';
import { bundleDefines } from './bundle-defines.js';
import { H5Site } from './h5-site.js';
import type { Settings } from './settings.js';
import {
  FUNCTIONS,
  HANDLERS_DIR,
  LOCK_FILE,
  QUEUES,
  REPO_ROOT,
  deployedFunctions,
  deployedRoutes,
  dlqName,
  entryPath,
  METRICS,
  missingEntries,
  type FunctionName,
  type QueueName,
} from './topology.js';

export interface WhistleStackProps extends StackProps {
  settings: Settings;
  /** where the handler modules live (default functions/src/handlers; tests point elsewhere) */
  handlersDir?: string;
  /** the H5 build to upload when settings.h5 (default miniapp/dist/h5, if it exists) */
  h5Dist?: string;
}

/** The environment variable carrying a queue's URL, as functions/src/config.ts reads it. */
export const queueUrlVariable = (queue: QueueName): string => `${queue.toUpperCase()}_QUEUE_URL`;

/** `deadline-sweep` → `DeadlineSweep`: construct ids */
const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const PLACEHOLDER_ENTRY = join(REPO_ROOT, 'infra/lib/placeholder-handler.ts');
export const H5_DIST = join(REPO_ROOT, 'miniapp/dist/h5');

export class MissingHandlerError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `Cannot bundle the Lambda functions: handler module(s) missing: ${missing.join(', ')}. ` +
        'Each FUNCTIONS entry in functions/src/topology.ts needs functions/src/handlers/<entry>.ts exporting `handler`. ' +
        'To synthesize without bundling (template only, not deployable): -c skipBundling=true',
    );
    this.name = 'MissingHandlerError';
  }
}

export class WhistleStack extends Stack {
  readonly settings: Settings;
  readonly table: dynamodb.Table;
  readonly queues = new Map<QueueName, { queue: sqs.Queue; dlq: sqs.Queue }>();
  readonly functions = new Map<FunctionName, NodejsFunction>();
  readonly api: apigwv2.HttpApi;
  readonly apiStage: apigwv2.HttpStage;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly alarmTopic?: sns.Topic;
  readonly site?: H5Site;

  constructor(scope: Construct, id: string, props: WhistleStackProps) {
    super(scope, id, props);
    const settings = (this.settings = props.settings);
    const { stage, isProd } = settings;
    const prefix = `whistle-${stage}`;
    const removalPolicy = isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const functionNames = deployedFunctions(settings.devRoutes);
    const handlersDir = props.handlersDir ?? HANDLERS_DIR;
    const missing = missingEntries(functionNames, handlersDir);
    if (missing.length > 0 && this.bundlingRequired) throw new MissingHandlerError(missing);

    // ── Table ────────────────────────────────────────────────────────────
    const S = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: S },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      deletionProtection: isProd,
      removalPolicy,
    });
    // a GSI added to the live table is built (backfilled) by DynamoDB; one per deploy (docs/deploy.md)
    for (const index of TABLE_DEFINITION.globalSecondaryIndexes as readonly IndexDefinition[]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        ...(index.projection
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }
          : { projectionType: dynamodb.ProjectionType.ALL }),
      });
    }

    // ── Queues, each with its dead-letter queue ──────────────────────────
    for (const [name, spec] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      const dlq = new sqs.Queue(this, `${pascal(name)}Dlq`, {
        queueName: `${prefix}-${dlqName(name)}`,
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(this, `${pascal(name)}Queue`, {
        queueName: `${prefix}-${spec.name}`,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
      });
      this.queues.set(name, { queue, dlq });
    }
    const queueOf = (name: QueueName) => {
      const q = this.queues.get(name);
      if (!q) throw new Error(`unknown queue ${name}`);
      return q;
    };

    // ── Functions ────────────────────────────────────────────────────────
    const parameterArn = (name: string) =>
      this.formatArn({
        service: 'ssm',
        resource: 'parameter',
        resourceName: name.replace(/^\//, ''),
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    const readParameters = (fn: NodejsFunction, names: string[]) => {
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: names.map(parameterArn) }),
      );
      // SecureStrings under the AWS-managed aws/ssm key need no KMS grant (its key
      // policy admits callers via SSM); a customer-managed key does.
      if (settings.parameterKmsKeyArn) {
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['kms:Decrypt'],
            resources: [settings.parameterKmsKeyArn],
            conditions: { StringEquals: { 'kms:ViaService': `ssm.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
          }),
        );
      }
    };

    const commonEnvironment: Record<string, string> = {
      STAGE: stage,
      TABLE_NAME: this.table.tableName,
      DEV_ROUTES: settings.devRoutes ? 'true' : 'false',
      // the functions check the stage against the allowlist again (functions/src/config.ts devRoutesOn)
      DEV_ROUTE_STAGES: settings.devRouteStages.join(','),
      LOG_LEVEL: settings.logLevel,
      POWERTOOLS_SERVICE_NAME: 'whistle',
      ...(settings.wechatAppId ? { WECHAT_APP_ID: settings.wechatAppId } : {}),
      ...(settings.wechatTemplates ? { WECHAT_TEMPLATES: settings.wechatTemplates } : {}),
      // sign-in rate limits are per deployment (functions/src/config.ts has the defaults)
      ...(settings.loginLimitPerUser ? { LOGIN_LIMIT_PER_USER: settings.loginLimitPerUser } : {}),
      ...(settings.loginLimitPerSource ? { LOGIN_LIMIT_PER_SOURCE: settings.loginLimitPerSource } : {}),
    };
    for (const [name, { queue }] of this.queues) commonEnvironment[queueUrlVariable(name)] = queue.queueUrl;
    // The functions that verify tokens get the public keys (not secret) in their environment, from an SSM String
    // parameter resolved at each deploy; only the signing function reads the private key set (a SecureString).
    const tokenPublicKeys = ssm.StringParameter.valueForStringParameter(this, settings.tokenPublicKeysParameter);

    for (const name of functionNames) {
      const spec = FUNCTIONS[name];
      const Name = pascal(name);
      const functionName = `${prefix}-${name}`;
      let entry = entryPath(spec, handlersDir);
      if (!existsSync(entry)) {
        // only reachable with bundling skipped (checked above)
        Annotations.of(this).addWarningV2(
          `whistle:missingHandler:${name}`,
          `${relative(REPO_ROOT, entry)} does not exist; synthesized with a placeholder (bundling skipped)`,
        );
        entry = PLACEHOLDER_ENTRY;
      }
      const logGroup = new logs.LogGroup(this, `${Name}Logs`, {
        logGroupName: `/aws/lambda/${functionName}`,
        retention: settings.logRetentionDays as logs.RetentionDays,
        removalPolicy,
      });
      const fn = new NodejsFunction(this, `${Name}Function`, {
        functionName,
        description: `Whistle ${stage}: ${name}`,
        entry,
        handler: 'handler',
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        projectRoot: REPO_ROOT,
        depsLockFilePath: LOCK_FILE,
        logGroup,
        environment: {
          ...commonEnvironment,
          ...(spec.tokenKey ? { TOKEN_PUBLIC_KEYS: tokenPublicKeys } : {}),
          ...(spec.signsTokens ? { TOKEN_KEY_PARAMETER: settings.tokenKeyParameter } : {}),
          ...(spec.wechatSecret ? { WECHAT_SECRET_PARAMETER: settings.wechatSecretParameter } : {}),
        },
        bundling: {
          target: LAMBDA_BUNDLING.target,
          format: OutputFormat.ESM,
          minify: LAMBDA_BUNDLING.minify,
          sourceMap: LAMBDA_BUNDLING.sourceMap,
          sourceMapMode: SourceMapMode.DEFAULT,
          sourcesContent: LAMBDA_BUNDLING.sourcesContent,
          mainFields: [...LAMBDA_BUNDLING.mainFields],
          charset: Charset.UTF8,
          banner: LAMBDA_BUNDLING.banner,
          keepNames: LAMBDA_BUNDLING.keepNames,
          bundleAwsSDK: LAMBDA_BUNDLING.bundleAwsSdk,
          externalModules: externalModules(),
          esbuildArgs: Object.fromEntries(Object.entries(bundleAliases(REPO_ROOT)).map(([from, to]) => [`--alias:${from}`, to])),
          // what the bundle carries computed at build time (the docs function: its document)
          define: bundleDefines(name),
        },
      });
      this.functions.set(name, fn);

      if (spec.table === 'readWrite') this.table.grantReadWriteData(fn);
      else if (spec.table === 'read') this.table.grantReadData(fn);

      for (const target of spec.sendsTo) queueOf(target).queue.grantSendMessages(fn);

      if (spec.consumes) {
        const source = QUEUES[spec.consumes];
        if (source.visibilityTimeoutSeconds < spec.timeoutSeconds) {
          throw new Error(
            `queue ${source.name}: visibility timeout ${source.visibilityTimeoutSeconds}s is shorter than ` +
              `its consumer ${name}'s timeout ${spec.timeoutSeconds}s; Lambda refuses such an event source`,
          );
        }
        fn.addEventSource(
          new SqsEventSource(queueOf(spec.consumes).queue, {
            batchSize: source.batchSize,
            reportBatchItemFailures: true,
          }),
        );
      }

      if (spec.schedule) {
        new events.Rule(this, `${pascal(spec.schedule.name)}Schedule`, {
          ruleName: `${prefix}-${spec.schedule.name}`,
          description: `Whistle ${stage}: ${spec.schedule.name} every ${spec.schedule.everyMinutes} min → ${name}`,
          schedule: events.Schedule.rate(Duration.minutes(spec.schedule.everyMinutes)),
          // a missed sweep is covered by the next one: do not retry for a day
          targets: [new targets.LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
        });
      }

      const parameters = [
        ...(spec.signsTokens ? [settings.tokenKeyParameter] : []),
        ...(spec.wechatSecret ? [settings.wechatSecretParameter] : []),
      ];
      if (parameters.length > 0) readParameters(fn, parameters);
    }

    // ── HTTP API ─────────────────────────────────────────────────────────
    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: prefix,
      description: `Whistle ${stage} (routes from shared/src/routes.ts; authorization in the handlers)`,
      createDefaultStage: false,
      ...(settings.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: settings.corsOrigins,
              allowMethods: [
                apigwv2.CorsHttpMethod.GET,
                apigwv2.CorsHttpMethod.POST,
                apigwv2.CorsHttpMethod.PUT,
                // unbinding a user's WeChat (DELETE /api/wechat/bindings/{userId})
                apigwv2.CorsHttpMethod.DELETE,
                apigwv2.CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              // what a client on another origin may read of an answer: an export's file name, when to retry
              exposeHeaders: ['content-disposition', 'retry-after', 'idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy,
    });
    const domain =
      settings.apiDomainName && settings.apiCertificateArn
        ? new apigwv2.DomainName(this, 'ApiDomain', {
            domainName: settings.apiDomainName,
            certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', settings.apiCertificateArn),
          })
        : undefined;
    this.apiStage = new apigwv2.HttpStage(this, 'ApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            error: '$context.error.message',
            responseLength: '$context.responseLength',
          }),
        ),
      },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of deployedRoutes(settings.devRoutes)) {
      const fn = this.functions.get(route.fn);
      if (!fn) throw new Error(`route ${route.method} ${route.path} names function ${route.fn}, which is not deployed`);
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${pascal(route.fn)}Integration`, fn, {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
          // one invoke permission per function for the whole API, not one per route
          scopePermissionToRoute: false,
        });
        integrations.set(route.fn, integration);
      }
      this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
      });
    }

    // ── Alarms ───────────────────────────────────────────────────────────
    if (settings.alarmEmail) {
      this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: `Whistle ${stage} alarms` });
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(settings.alarmEmail));
    }
    const fiveMinutes = Duration.minutes(5);
    const alarm = (id: string, alarmName: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmName: `${prefix}-${alarmName}`,
        alarmDescription: description,
        metric,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (this.alarmTopic) {
        a.addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
        a.addOkAction(new cwActions.SnsAction(this.alarmTopic));
      }
      this.alarms.push(a);
    };
    for (const [name, { dlq }] of this.queues) {
      alarm(
        `${pascal(name)}DlqAlarm`,
        `${dlqName(name)}-depth`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        `Messages in ${dlqName(name)}: ${name} messages failed ${QUEUES[name].maxReceiveCount} times. Inspect, fix, then redrive.`,
      );
    }
    for (const [name, fn] of this.functions) {
      alarm(`${pascal(name)}ErrorsAlarm`, `${name}-errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${name} threw (uncaught errors or timeouts)`);
      alarm(`${pascal(name)}ThrottlesAlarm`, `${name}-throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${name} was throttled (account or reserved concurrency)`);
    }
    alarm('Api5xxAlarm', 'api-5xx', this.apiStage.metricServerError({ period: fiveMinutes, statistic: 'Sum' }), 'The HTTP API answered 5xx');
    // the durable outbox's dead letters: a message the sweep sent again and again without delivery (a log line names its ticket)
    alarm(
      'OutboxParkedAlarm',
      'outbox-parked',
      new cloudwatch.Metric({ namespace: METRICS.namespace, metricName: 'OutboxParked', dimensionsMap: { service: METRICS.service, stage }, period: fiveMinutes, statistic: 'Sum' }),
      'An outbox message was never delivered and was parked: search the logs for "outbox message parked" (it names the ticket), fix the cause, then re-send.',
    );

    // ── H5 site (optional) ───────────────────────────────────────────────
    if (settings.h5) {
      const h5Dist = props.h5Dist ?? H5_DIST;
      this.site = new H5Site(this, 'H5', {
        apiHost: Fn.select(2, Fn.split('/', this.api.apiEndpoint)),
        distDir: existsSync(h5Dist) ? h5Dist : undefined,
        removalPolicy,
      });
      if (!this.site.deployed) {
        Annotations.of(this).addWarningV2(
          'whistle:h5NotBuilt',
          'miniapp/dist/h5 does not exist: the H5 bucket and distribution are created empty. Run `npm run build:h5` and deploy again.',
        );
      }
      new CfnOutput(this, 'H5Url', { value: `https://${this.site.distribution.distributionDomainName}`, description: 'The H5 site (its /api/* goes to the HTTP API)' });
    }

    // ── Outputs ──────────────────────────────────────────────────────────
    new CfnOutput(this, 'ApiUrl', {
      value: this.api.apiEndpoint,
      description: 'WHISTLE_API_URL for the weapp build (routes live under /api)',
    });
    if (domain) {
      new CfnOutput(this, 'ApiCustomDomainUrl', { value: `https://${settings.apiDomainName}` });
      new CfnOutput(this, 'ApiCustomDomainTarget', {
        value: domain.regionalDomainName,
        description: `CNAME ${settings.apiDomainName} to this`,
      });
    }
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'TokenKeyParameter', { value: settings.tokenKeyParameter, description: 'create out of band (docs/deploy.md)' });
    new CfnOutput(this, 'TokenPublicKeysParameter', { value: settings.tokenPublicKeysParameter, description: 'npm run token:public-keys -- --put (docs/deploy.md)' });
    new CfnOutput(this, 'WechatSecretParameter', { value: settings.wechatSecretParameter, description: 'create out of band (docs/deploy.md)' });
  }
}
