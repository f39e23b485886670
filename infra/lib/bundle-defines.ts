import { packOpenApi } from '../../functions/src/http/openapi-packed.js';
import type { FunctionName } from './topology.js';

/**
 * What a function's bundle has computed at build time (esbuild `define`):
 * the docs function carries the OpenAPI document, derived from the route
 * table as it would derive it at its first request. The stack and
 * tests/bench/lambda.ts bundle with the same defines.
 */
export function bundleDefines(fn: FunctionName): Record<string, string> {
  if (fn === 'docs') return { 'process.env.WHISTLE_OPENAPI_PACKED': JSON.stringify(packOpenApi()) };
  return {};
}
