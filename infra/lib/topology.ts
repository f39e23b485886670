/**
 * What gets deployed, derived from the single sources: the route table
 * (shared/src/routes.ts) and the function topology (functions/src/topology.ts).
 * Pure functions, shared by the stack, its tests and the Lambda benchmark.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTION_NAMES, ROUTES, routeKey, type RouteDef } from '@whistle/shared';
import { FUNCTIONS, METRICS, QUEUES, dlqName, type FunctionName, type FunctionSpec, type QueueName } from '../../functions/src/topology.js';

export { FUNCTIONS, METRICS, QUEUES, dlqName, type FunctionName, type FunctionSpec, type QueueName };

/** The repository root (holds package-lock.json, the esbuild project root). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HANDLERS_DIR = join(REPO_ROOT, 'functions/src/handlers');
export const LOCK_FILE = join(REPO_ROOT, 'package-lock.json');

const HTTP_FUNCTIONS: ReadonlySet<string> = new Set(FUNCTION_NAMES);
export const isHttpFunction = (name: FunctionName): boolean => HTTP_FUNCTIONS.has(name);

/** Routes the HTTP API serves: all of ROUTES, minus the devOnly ones unless enabled. */
export const deployedRoutes = (devRoutes: boolean): readonly RouteDef[] =>
  ROUTES.filter((route) => devRoutes || !route.devOnly);

export const deployedRouteKeys = (devRoutes: boolean): Set<string> => new Set(deployedRoutes(devRoutes).map(routeKey));

/**
 * Functions to deploy: every non-HTTP function, and every HTTP function that
 * serves at least one deployed route (the `dev` function serves devOnly routes
 * only, so it is not deployed at all unless devRoutes is on).
 */
export const deployedFunctions = (devRoutes: boolean): FunctionName[] => {
  const served = new Set<string>(deployedRoutes(devRoutes).map((route) => route.fn));
  return (Object.keys(FUNCTIONS) as FunctionName[]).filter((name) => !isHttpFunction(name) || served.has(name));
};

export const entryPath = (spec: FunctionSpec, handlersDir = HANDLERS_DIR): string =>
  join(handlersDir, `${spec.entry}.ts`);

/** Entries of the given functions whose module does not exist (yet), repo-relative. */
export const missingEntries = (names: readonly FunctionName[], handlersDir = HANDLERS_DIR): string[] =>
  names
    .map((name) => entryPath(FUNCTIONS[name], handlersDir))
    .filter((path) => !existsSync(path))
    .map((path) => relative(REPO_ROOT, path));
