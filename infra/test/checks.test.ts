/**
 * The template checks stack.test.ts relies on, run against deliberately bad
 * stacks: each must report the fault it exists to catch.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '@whistle/shared';
import {
  cleanupOutdirs,
  dlqsWithoutAlarm,
  functionStatements,
  isWildcardAction,
  queuesWithoutDlq,
  routeKeys,
  routeTargets,
  templateOf,
  tempOutdir,
  wildcardGrants,
  type TemplateJson,
} from './support.js';

afterAll(cleanupOutdirs);

let bad: TemplateJson;
let fnId: string;
beforeAll(() => {
  const stack = new Stack(new App({ outdir: tempOutdir(), builtinCloudFormationValidation: false }), 'Bad');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    environment: { TOKEN_SIGNING_KEY: 'hunter2' },
  });
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Get*'], resources: ['*'] }));
  new iam.Role(stack, 'Admin', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    inlinePolicies: {
      all: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] }),
      notAction: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ notActions: ['iam:PassRole'], resources: ['*'] })],
      }),
    },
  });
  const lonely = new sqs.Queue(stack, 'Lonely');
  lonely.addToResourcePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['sqs:*'],
      principals: [new iam.AnyPrincipal()],
      resources: [lonely.queueArn],
    }),
  );
  const silentDlq = new sqs.Queue(stack, 'SilentDlq');
  new sqs.Queue(stack, 'WithSilentDlq', { deadLetterQueue: { queue: silentDlq, maxReceiveCount: 3 } });
  const watchedDlq = new sqs.Queue(stack, 'WatchedDlq');
  new sqs.Queue(stack, 'WithWatchedDlq', { deadLetterQueue: { queue: watchedDlq, maxReceiveCount: 3 } });
  new cloudwatch.Alarm(stack, 'WatchedDlqAlarm', {
    metric: watchedDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });
  const api = new apigwv2.HttpApi(stack, 'Api');
  api.addRoutes({ path: '/api/health', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('I', fn) });
  api.addRoutes({ path: '/api/extra', methods: [apigwv2.HttpMethod.DELETE], integration: new HttpLambdaIntegration('J', fn) });
  bad = templateOf(stack);
  fnId = Object.entries(bad.Resources).find(([, r]) => r.Type === 'AWS::Lambda::Function')![0];
});

describe('template checks catch', () => {
  it('wildcard grants (*, service:*, NotAction) but not Deny guards', () => {
    expect(isWildcardAction('*')).toBe(true);
    expect(isWildcardAction('sqs:*')).toBe(true);
    expect(isWildcardAction('sqs:SendMessage')).toBe(false);
    const found = wildcardGrants(bad);
    const actions = found.map((s) => JSON.stringify(s.Action ?? { not: s.NotAction }));
    expect(actions).toEqual(expect.arrayContaining(['"sqs:*"', '"*"', '{"not":"iam:PassRole"}']));
    expect(found.some((s) => s.Effect === 'Deny')).toBe(false);
    expect(found.length).toBe(3);
  });

  it("prefix wildcards in a function's own policy", () => {
    const actions = functionStatements(bad, fnId).flatMap((s) => [s.Action ?? []].flat());
    expect(actions).toEqual(expect.arrayContaining(['sqs:*', 'dynamodb:Get*']));
    expect(actions).not.toContain('sts:AssumeRole');
  });

  it('queues without a DLQ, and DLQs without an alarm', () => {
    const ids = Object.keys(bad.Resources);
    const id = (prefix: string) => ids.find((i) => i.startsWith(prefix));
    expect(queuesWithoutDlq(bad)).toEqual([id('Lonely')]);
    expect(dlqsWithoutAlarm(bad)).toEqual([id('SilentDlq')]);
  });

  it('routes that differ from ROUTES, with their targets', () => {
    const keys = routeKeys(bad).sort();
    expect(keys).toEqual(['DELETE /api/extra', 'GET /api/health']);
    expect(keys).not.toEqual(ROUTES.filter((r) => !r.devOnly).map(routeKey).sort());
    expect(routeTargets(bad).get('GET /api/health')).toBe(fnId);
  });

  it('a secret in the environment', () => {
    expect(JSON.stringify(bad)).toContain('TOKEN_SIGNING_KEY');
  });
});
