import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toEnvelope, WhistleError } from '@whistle/shared';
import { config } from '../config.js';
import { json } from '../http/json.js';
import { unpackOpenApi, type OpenApiDocuments } from '../http/openapi-unpack.js';

/** Derived from the route table (run from source: the local stack, the tests). */
const derive = (): Promise<OpenApiDocuments> => import('../http/openapi.js').then(({ openApiDocuments }) => openApiDocuments());

let documents: Promise<OpenApiDocuments> | undefined;
/**
 * Both forms of the document, made once per container. A bundle carries them
 * built (infra/lib/bundle-defines.ts turns `process.env.WHISTLE_OPENAPI_PACKED`
 * into a string literal, and the bundler drops `derive` and the route schemas
 * with it); from source they are derived on first use.
 */
function load(): Promise<OpenApiDocuments> {
  documents ??= (process.env.WHISTLE_OPENAPI_PACKED ? Promise.resolve(unpackOpenApi(process.env.WHISTLE_OPENAPI_PACKED)) : derive()).catch((e: unknown) => {
    // a failure is not kept: the next request tries again
    documents = undefined;
    throw e;
  });
  return documents;
}

/**
 * `GET /api/openapi.json`: the API described from the route table. A function
 * of its own, with no table, queue or key: the document needs none, and the
 * JSON Schema generator stays out of every other bundle. API Gateway (and the
 * local gateway) route only that path here.
 */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    const [plain, dev] = await load();
    return { ...json(200, null), body: config().devRoutes ? dev : plain };
  } catch {
    return json(500, toEnvelope(new WhistleError('INTERNAL', '服务内部错误，请稍后重试')));
  }
};
