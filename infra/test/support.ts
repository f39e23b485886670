/**
 * Test support: synthesizing the stack quickly (bundling skipped, the
 * built-in CloudFormation validation off unless asked for) and reading the
 * template as plain data. The checks are plain functions so that
 * checks.test.ts can show each of them failing on a deliberately bad stack.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../lib/app.js';
import { REPO_ROOT } from '../lib/topology.js';
import type { WhistleStack, WhistleStackProps } from '../lib/whistle-stack.js';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface TemplateJson {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
}

/** The feature flags and settings from cdk.json, as `cdk synth` would pass them. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

const outdirs: string[] = [];
/** a fresh cloud-assembly directory, removed by cleanupOutdirs */
export const tempOutdir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'whistle-cdk-'));
  outdirs.push(dir);
  return dir;
};
export const cleanupOutdirs = (): void => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
};

export interface Synthesized {
  stack: WhistleStack;
  template: Template;
  json: TemplateJson;
}

export function synth(
  context: Record<string, unknown> = {},
  options: { validate?: boolean; bundle?: boolean } & Pick<WhistleStackProps, 'handlersDir' | 'h5Dist'> = {},
): Synthesized {
  const app = new App({
    outdir: tempOutdir(),
    builtinCloudFormationValidation: options.validate ?? false,
    context: {
      ...CDK_JSON_CONTEXT,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...context,
    },
  });
  const stack = buildApp(app, {
    ...(options.handlersDir ? { handlersDir: options.handlersDir } : {}),
    ...(options.h5Dist ? { h5Dist: options.h5Dist } : {}),
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

export const templateOf = (stack: Stack): TemplateJson => Template.fromStack(stack).toJSON() as TemplateJson;

// ── Reading templates ─────────────────────────────────────────────────────

export const ofType = (t: TemplateJson, type: string): [string, CfnResource][] =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);

export const props = (r: CfnResource): Record<string, unknown> => r.Properties ?? {};

/** `{Ref: id}` or `{Fn::GetAtt: [id, …]}` → id */
export const refId = (v: unknown): string | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.Ref === 'string') return o.Ref;
  const att = o['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  return undefined;
};

/** logical id of the resource of `type` whose `nameProp` is `name` */
export const idByName = (t: TemplateJson, type: string, nameProp: string, name: string): string | undefined =>
  ofType(t, type).find(([, r]) => props(r)[nameProp] === name)?.[0];

export const routeKeys = (t: TemplateJson): string[] =>
  ofType(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => String(props(r).RouteKey));

/** route key → logical id of the Lambda function its integration invokes */
export const routeTargets = (t: TemplateJson): Map<string, string | undefined> => {
  const result = new Map<string, string | undefined>();
  for (const [, route] of ofType(t, 'AWS::ApiGatewayV2::Route')) {
    const target = props(route).Target as { 'Fn::Join'?: [string, unknown[]] } | undefined;
    const integrationId = refId(target?.['Fn::Join']?.[1]?.[1]);
    const integration = integrationId ? t.Resources[integrationId] : undefined;
    result.set(String(props(route).RouteKey), integration ? refId(props(integration).IntegrationUri) : undefined);
  }
  return result;
};

export interface Statement {
  /** logical id of the resource the statement sits in */
  in: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Condition?: unknown;
}

/** every policy statement anywhere in the template (IAM policies, roles, resource policies) */
export const statements = (t: TemplateJson): Statement[] => {
  const found: Statement[] = [];
  const walk = (node: unknown, owner: string): void => {
    if (Array.isArray(node)) {
      for (const x of node) walk(x, owner);
    } else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (Array.isArray(o.Statement)) {
        for (const s of o.Statement as Omit<Statement, 'in'>[]) found.push({ in: owner, ...s });
      }
      for (const v of Object.values(o)) walk(v, owner);
    }
  };
  for (const [id, r] of Object.entries(t.Resources)) walk(r.Properties, id);
  return found;
};

export const actionsOf = (s: Statement): string[] => [s.Action ?? [], s.NotAction ?? []].flat();

/** `*` or `service:*` */
export const isWildcardAction = (action: string): boolean => action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action);

/**
 * Allow statements granting a wildcard action (`*`, `service:*`) or using
 * NotAction. Deny statements are guards (e.g. enforceSSL's `Deny sqs:*` when
 * not over TLS) and do not grant anything.
 */
export const wildcardGrants = (t: TemplateJson): Statement[] =>
  statements(t).filter((s) => s.Effect === 'Allow' && (s.NotAction !== undefined || actionsOf(s).some(isWildcardAction)));

/** statements of the IAM policies attached to a function's execution role */
export const functionStatements = (t: TemplateJson, functionId: string): Statement[] => {
  const fn = t.Resources[functionId];
  if (!fn) throw new Error(`no resource ${functionId}`);
  const roleId = refId(props(fn).Role);
  const policyIds = ofType(t, 'AWS::IAM::Policy')
    .filter(([, p]) => ((props(p).Roles as unknown[] | undefined) ?? []).some((r) => refId(r) === roleId))
    .map(([id]) => id);
  const role = roleId ? t.Resources[roleId] : undefined;
  return statements(t).filter((s) => policyIds.includes(s.in) || (s.in === roleId && role !== undefined && s.Action !== 'sts:AssumeRole'));
};

/** queues that are neither given a RedrivePolicy nor the target of one */
export const queuesWithoutDlq = (t: TemplateJson): string[] => {
  const queues = ofType(t, 'AWS::SQS::Queue');
  const dlqIds = new Set(
    queues.map(([, q]) => refId((props(q).RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn)),
  );
  return queues.filter(([id, q]) => props(q).RedrivePolicy === undefined && !dlqIds.has(id)).map(([id]) => id);
};

/** logical ids of the dead-letter queues (targets of a RedrivePolicy) */
export const dlqIds = (t: TemplateJson): string[] =>
  ofType(t, 'AWS::SQS::Queue')
    .map(([, q]) => refId((props(q).RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn))
    .filter((id): id is string => id !== undefined);

/** alarms of a metric whose dimension `dimension` refers to resource `id` */
export const alarmsOn = (t: TemplateJson, id: string, metricName: string, dimension: string): CfnResource[] =>
  ofType(t, 'AWS::CloudWatch::Alarm')
    .map(([, a]) => a)
    .filter((a) => {
      const p = props(a);
      const dims = (p.Dimensions as { Name: string; Value: unknown }[] | undefined) ?? [];
      return p.MetricName === metricName && dims.some((d) => d.Name === dimension && refId(d.Value) === id);
    });

/** DLQs with no alarm on ApproximateNumberOfMessagesVisible > 0 */
export const dlqsWithoutAlarm = (t: TemplateJson): string[] =>
  dlqIds(t).filter(
    (id) =>
      !alarmsOn(t, id, 'ApproximateNumberOfMessagesVisible', 'QueueName').some(
        (a) => props(a).Threshold === 0 && props(a).ComparisonOperator === 'GreaterThanThreshold',
      ),
  );
