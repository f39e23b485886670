import { brotliDecompressSync } from 'node:zlib';

/** The document's JSON without and with the dev routes. */
export type OpenApiDocuments = readonly [plain: string, dev: string];

/**
 * Reads what `packOpenApi` (openapi-packed.ts) made at build time: the two JSON texts, one per line (compact
 * JSON has no line break of its own), so neither is parsed again.
 */
export function unpackOpenApi(packed: string): OpenApiDocuments {
  const text = brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
  const cut = text.indexOf('\n');
  return [text.slice(0, cut), text.slice(cut + 1)];
}
