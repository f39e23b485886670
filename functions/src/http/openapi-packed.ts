import { brotliCompressSync, constants } from 'node:zlib';
import { openApiDocuments } from './openapi.js';

/**
 * The document's JSON without and with the dev routes, one per line, brotli-
 * compressed and base64-encoded (~30 KB for 650 KB of JSON: the two are
 * nearly the same): what the stack bundles into the docs function at build
 * time, so its cold start reads a string instead of deriving JSON Schemas
 * from every route's zod schemas (~200 ms), and its bundle carries no route
 * schema. It travels in esbuild's command line (Linux takes 128 KB per
 * argument), hence the cap.
 */
export function packOpenApi(): string {
  const packed = brotliCompressSync(openApiDocuments().join('\n'), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
  if (packed.length > 96 * 1024) throw new Error(`the packed OpenAPI document is ${packed.length} bytes: over the 96 KB the bundler's command line takes`);
  return packed;
}
