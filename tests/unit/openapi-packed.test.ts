import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/src/http/openapi.js';
import { packOpenApi } from '../../functions/src/http/openapi-packed.js';
import { unpackOpenApi } from '../../functions/src/http/openapi-unpack.js';
import { bundleDefines } from '../../infra/lib/bundle-defines.js';

describe('the OpenAPI document built into the docs bundle', () => {
  it('is the document the route table derives, with and without the dev routes, and what the stack defines for the docs function only', () => {
    const [plain, dev] = unpackOpenApi(packOpenApi());
    expect(JSON.parse(plain)).toEqual(openApiDocument({ devRoutes: false }));
    expect(JSON.parse(dev)).toEqual(openApiDocument({ devRoutes: true }));
    expect(JSON.parse(dev)).not.toEqual(JSON.parse(plain));
    const defines = bundleDefines('docs');
    expect(unpackOpenApi(JSON.parse(defines['process.env.WHISTLE_OPENAPI_PACKED'] ?? '""') as string)[0]).toBe(plain);
    expect(bundleDefines('claim')).toEqual({});
  });
});
