import type { RequestHandler } from 'express';
import { runWithLogContext } from '@fieldgram/platform';
import type { GatewayContext } from '../context.js';
import { sendResult } from '../encoders/send-result.js';
import type { AnyRoute, RouteContext } from '../route.js';
import { authenticate } from './authenticate.js';
import { locals } from './locals.js';
import { validate } from './validate.js';

/** One route's request: authenticate → validate → handler (in its log context) → encode. */
export function dispatch(
  route: AnyRoute,
  options: { gateway: GatewayContext; rpcTimeoutMs: number },
): RequestHandler {
  const { gateway } = options;
  const timeoutMs = route.rpcTimeoutMs ?? options.rpcTimeoutMs;
  return async (request, response) => {
    const state = locals(response);
    state.route = route;
    const caller = await authenticate(route, request, gateway);
    if (caller) state.caller = caller;
    const input = validate(route, request);

    const context: RouteContext<unknown, unknown, unknown> = {
      ...input,
      caller: () => {
        if (!caller) throw new Error(`route ${route.id} is public: it has no caller`);
        return caller;
      },
      call: (type, data) => gateway.rpc.request(type, data, { caller, timeoutMs }),
      gateway,
      request,
      response,
    };
    const result = await runWithLogContext(
      { correlationId: state.requestId, route: route.id, ...(caller ? { userId: caller.userId } : {}) },
      () => route.handler(context),
    );
    sendResult(route, response, result);
  };
}
