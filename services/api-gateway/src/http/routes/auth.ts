import { z } from 'zod';
import { RemoteError } from '@fieldgram/platform';
import type { TokenPair } from '../../auth/tokens.js';
import type { Caller } from '../context.js';
import { unauthorized } from '../problem.js';
import { defineRoute, json, noContent, type RouteContext } from '../route.js';
import { EVERYONE, RoleView } from './common.js';

const TokenPairView = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().meta({ description: 'Seconds the access token is valid (900)' }),
    refreshExpiresIn: z.number().int().meta({ description: 'Seconds the refresh token is valid (30 days)' }),
    user: z.object({ id: z.string(), role: RoleView, name: z.string() }),
  })
  .meta({ id: 'TokenPair' });

const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(4096) });

/** The person behind a token, as identity has them now: refused if gone or deactivated (S3-07). */
async function currentCaller(
  context: RouteContext<unknown, unknown, unknown>,
  userId: string,
): Promise<Caller> {
  try {
    const user = await context.call('identity.get-user', { userId });
    if (!user.active) throw unauthorized('This account is deactivated.');
    return { userId: user.id, role: user.role, name: user.name };
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'not_found')
      throw unauthorized('This account no longer exists.');
    throw error;
  }
}

const withUser = (pair: TokenPair, caller: Caller) => ({
  ...pair,
  user: { id: caller.userId, role: caller.role, name: caller.name },
});

export const authRoutes = [
  defineRoute({
    id: 'login',
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in with a login and password',
    description:
      'Returns an access token (15 min) and a refresh token (30 days, single-use). Failed logins are ' +
      'limited per login name and per client IP (by default 5 and 20 per 15 minutes); past the limit ' +
      'the answer is 429 with Retry-After, even for the right password.',
    access: { public: true },
    body: z.strictObject({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) }),
    response: json(TokenPairView, 'Signed in'),
    errors: [401, 429],
    async handler(context) {
      const { login, password } = context.body;
      const { loginLimiter, tokens } = context.gateway;
      const ip = context.request.ip ?? 'unknown';
      await loginLimiter.check(login, ip);
      let caller: Caller;
      try {
        // identity answers a wrong pair and a deactivated account alike (no probing of logins).
        const user = await context.call('identity.authenticate', { login, password });
        caller = { userId: user.userId, role: user.role, name: user.name };
      } catch (error) {
        if (error instanceof RemoteError && error.code === 'unauthorized') {
          await loginLimiter.failed(login, ip);
          throw unauthorized('Wrong login or password.');
        }
        throw error;
      }
      await loginLimiter.succeeded(login);
      return withUser(await tokens.issue(caller), caller);
    },
  }),
  defineRoute({
    id: 'refreshTokens',
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    summary: 'Exchange a refresh token for a new pair',
    description:
      'Each refresh token works once; the answer carries the next one. Presenting a used refresh token ' +
      'again revokes the whole session (every token issued since that login). The person is re-read: ' +
      'a deactivated account is refused, and a changed role or name takes effect here.',
    access: { public: true },
    body: RefreshBody,
    response: json(TokenPairView, 'A new token pair'),
    errors: [401],
    async handler(context) {
      const { pair, caller } = await context.gateway.tokens.rotate(context.body.refreshToken, (userId) =>
        currentCaller(context, userId),
      );
      return withUser(pair, caller);
    },
  }),
  defineRoute({
    id: 'logout',
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary: 'End the session of a refresh token',
    description: 'Its refresh tokens stop working; access tokens already issued expire within 15 minutes.',
    access: { public: true },
    body: RefreshBody,
    response: noContent('Signed out'),
    errors: [401],
    async handler(context) {
      await context.gateway.tokens.revoke(context.body.refreshToken);
    },
  }),
  defineRoute({
    id: 'changePassword',
    method: 'post',
    path: '/auth/password',
    tag: 'auth',
    summary: 'Change your own password',
    description:
      'Needs the current password (wrong ones count against the sign-in limit). Every session of the ' +
      'account ends; the answer is a fresh token pair for this one.',
    access: { roles: EVERYONE },
    body: z.strictObject({
      currentPassword: z.string().min(1).max(200),
      newPassword: z.string().min(8, { error: 'at least 8 characters' }).max(200),
    }),
    response: json(TokenPairView, 'Changed; signed in again'),
    errors: [400, 409, 429],
    async handler(context) {
      const caller = context.caller();
      const { loginLimiter, tokens } = context.gateway;
      const ip = context.request.ip ?? 'unknown';
      const limiterKey = `user:${caller.userId}`;
      await loginLimiter.check(limiterKey, ip);
      try {
        await context.call('identity.change-password', { userId: caller.userId, ...context.body });
      } catch (error) {
        if (error instanceof RemoteError && error.details?.field === 'currentPassword')
          await loginLimiter.failed(limiterKey, ip);
        throw error;
      }
      await loginLimiter.succeeded(limiterKey);
      await tokens.endSessionsOf(caller.userId);
      const current = await currentCaller(context, caller.userId);
      return withUser(await tokens.issue(current), current);
    },
  }),
];
