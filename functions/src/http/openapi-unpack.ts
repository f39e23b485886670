import { brotliDecompressSync } from 'node:zlib';

/** The document's JSON without and with the dev routes. */
export type OpenApiDocuments = readonly [plain: string, dev: string];

/** Reads what `packOpenApi` (openapi-packed.ts) made at build time. */
export function unpackOpenApi(packed: string): OpenApiDocuments {
  const [plain, dev] = JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8')) as unknown[];
  return [JSON.stringify(plain), JSON.stringify(dev)];
}
