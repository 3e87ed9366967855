import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { GatewayContext } from '../context.js';
import { locals } from './locals.js';

/** A request id (the caller's, if well-formed), safe default headers, and one access-log line. */
export function requestBasics(gateway: GatewayContext): RequestHandler {
  return (request, response, next) => {
    const offered = request.get('x-request-id');
    const requestId = offered && /^[\w.:-]{1,128}$/.test(offered) ? offered : randomUUID();
    response.locals.requestId = requestId;
    response.set({
      'X-Request-Id': requestId,
      'X-Content-Type-Options': 'nosniff',
      // Tokens, people's data: nothing here belongs in a shared cache.
      'Cache-Control': 'no-store',
    });
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const { route, caller } = locals(response);
      const line = {
        requestId,
        method: request.method,
        // The path only: a query may hold a stream ticket.
        path: request.path,
        route: route?.id,
        userId: caller?.userId,
        status: response.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (response.statusCode >= 500) gateway.logger.error(line, 'request failed');
      else gateway.logger.info(line, 'request');
    });
    next();
  };
}
