import type { RequestHandler } from 'express';
import { API_PREFIX } from '../paths.js';
import { HttpProblem } from '../problem.js';
import type { AnyRoute } from '../route.js';

/** After the routes: 405 with Allow for a known path and another method, else 404. */
export function unmatched(routes: readonly AnyRoute[]): RequestHandler {
  const patterns = routes.map((route) => ({
    method: route.method.toUpperCase(),
    pattern: new RegExp(
      `^${API_PREFIX}${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`,
    ),
  }));
  return (request, _response, next) => {
    const allow = [...new Set(patterns.filter((p) => p.pattern.test(request.path)).map((p) => p.method))];
    if (allow.length > 0) {
      if (allow.includes('GET')) allow.push('HEAD');
      next(
        new HttpProblem(
          'method-not-allowed',
          `${request.method} is not supported here; use ${allow.join(', ')}.`,
          {
            allow,
          },
        ),
      );
      return;
    }
    next(new HttpProblem('not-found', `There is no ${request.method} ${request.path} in this API.`));
  };
}
