import express, { type Express } from 'express';
import type { GatewayContext } from './context.js';
import { problemResponses } from './encoders/problem-response.js';
import { API_PREFIX, MAX_BODY_BYTES, OPENAPI_PATH } from './paths.js';
import { dispatch } from './pipeline/dispatch.js';
import { requestBasics } from './pipeline/request-basics.js';
import { unmatched } from './pipeline/unmatched.js';
import type { AnyRoute } from './route.js';

export interface ApiAppOptions {
  routes: readonly AnyRoute[];
  gateway: GatewayContext;
  openApiDocument: object;
  rpcTimeoutMs: number;
  trustProxy?: string;
}

/**
 * The REST API: every route of the registry behind one pipeline (pipeline/: authenticate 401,
 * role 403, validate 400, handler) and one set of encoders (encoders/: JSON by the response
 * schema, CSV, PDF, PNG; every error as `application/problem+json` without internals).
 */
export function createApiApp(options: ApiAppOptions): Express {
  const { gateway } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', trustProxyValue(options.trustProxy));

  app.use(requestBasics(gateway));
  app.get(OPENAPI_PATH, (_request, response) => {
    response.set('Cache-Control', 'no-cache').json(options.openApiDocument);
  });

  const router = express.Router();
  router.use(
    express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'], strict: true }),
  );
  for (const route of options.routes) router[route.method](route.path, dispatch(route, options));
  app.use(API_PREFIX, router);
  app.use(unmatched(options.routes));
  app.use(problemResponses(gateway));
  return app;
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
