import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toEnvelope, WhistleError } from '@whistle/shared';
import { config } from '../config.js';
import { json } from '../http/json.js';
import { openApiDocument } from '../http/openapi.js';

/**
 * `GET /api/openapi.json`: the API described from the route table. A function
 * of its own, with no table, queue or key: the document needs none, and the
 * JSON Schema generator stays out of every other bundle. API Gateway (and the
 * local gateway) route only that path here.
 */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    return json(200, openApiDocument({ devRoutes: config().devRoutes }));
  } catch {
    return json(500, toEnvelope(new WhistleError('INTERNAL', '服务内部错误，请稍后重试')));
  }
};
