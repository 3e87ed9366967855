import type { Request } from 'express';
import type { Caller, GatewayContext } from '../context.js';
import { forbidden, unauthorized } from '../problem.js';
import type { AnyRoute } from '../route.js';

/**
 * Who is calling: a bearer access token (or, where the route allows, a one-time stream ticket),
 * then the route's roles (401, then 403). Null for a public route.
 */
export async function authenticate(
  route: AnyRoute,
  request: Request,
  gateway: GatewayContext,
): Promise<Caller | null> {
  const { access } = route;
  if ('public' in access) return null;
  let caller: Caller;
  const header = request.get('authorization');
  const ticket = access.ticket ? request.query.ticket : undefined;
  if (header !== undefined) {
    const token = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header)?.[1];
    if (!token) throw unauthorized('The Authorization header must be "Bearer <access token>".');
    caller = await gateway.tokens.verifyAccess(token);
  } else if (typeof ticket === 'string') {
    const redeemed = await gateway.tickets.redeem(ticket);
    if (!redeemed) throw unauthorized('The stream ticket is unknown, expired or already used.');
    caller = redeemed;
  } else {
    throw unauthorized(
      access.ticket
        ? 'Send an access token (Authorization: Bearer <token>) or a stream ticket (?ticket=).'
        : 'Send an access token: Authorization: Bearer <token> (POST /api/v1/auth/login gives one).',
    );
  }
  if (!access.roles.includes(caller.role)) {
    throw forbidden(
      `This is not allowed for the role ${caller.role}; it is for: ${access.roles.join(', ')}.`,
    );
  }
  return caller;
}
