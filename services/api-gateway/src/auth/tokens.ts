import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { RoleSchema } from '@fieldgram/contracts';
import type { Caller } from '../http/context.js';
import { HttpProblem, unauthorized } from '../http/problem.js';
import { redisCall } from './with-timeout.js';

export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;

const ISSUER = 'fieldgram';
const ACCESS_AUDIENCE = 'fieldgram-api';
/** A different audience: an access token is never accepted as a refresh token, nor the reverse. */
const REFRESH_AUDIENCE = 'fieldgram-api-refresh';

const AccessClaims = z.object({
  sub: z.string().min(1),
  role: RoleSchema,
  name: z.string(),
  typ: z.literal('access'),
});
const RefreshClaims = z.object({
  sub: z.string().min(1),
  jti: z.string().min(16),
  fam: z.string().min(16),
  typ: z.literal('refresh'),
});

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshExpiresIn: number;
}

const refreshKey = (jti: string) => `api-gateway:refresh:${jti}`;
const sessionKey = (family: string) => `api-gateway:session:${family}`;
/** The sessions a person started, so all can be ended at once (a changed password). */
const userSessionsKey = (userId: string) => `api-gateway:user-sessions:${userId}`;
const randomId = () => randomBytes(18).toString('base64url');

/**
 * Access tokens (15 min, stateless: sub, role, name) and rotating refresh tokens (30 days). A
 * login starts a session (a token family); each refresh token is single-use: its id lives in
 * Redis until it is exchanged. Presenting one that was already exchanged means it was copied, so
 * the whole session is revoked (OAuth 2.0 Security BCP, refresh token rotation).
 */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Starts a session (login) or continues one (refresh) with a fresh pair. */
  async issue(caller: Caller, continuing?: string): Promise<TokenPair> {
    const family = continuing ?? randomId();
    const jti = randomId();
    const accessToken = await new SignJWT({ role: caller.role, name: caller.name, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.userId)
      .setIssuer(ISSUER)
      .setAudience(ACCESS_AUDIENCE)
      .setJti(randomId())
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TTL_SECONDS}s`)
      .sign(this.key);
    const refreshToken = await new SignJWT({ fam: family, typ: 'refresh' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.userId)
      .setIssuer(ISSUER)
      .setAudience(REFRESH_AUDIENCE)
      .setJti(jti)
      .setIssuedAt()
      .setExpirationTime(`${REFRESH_TTL_SECONDS}s`)
      .sign(this.key);
    const session = sessionKey(family);
    const results = await redisCall(
      (continuing
        ? // XX: a session revoked meanwhile (reuse detected, logout) stays revoked.
          this.redis.multi().set(session, caller.userId, 'EX', REFRESH_TTL_SECONDS, 'XX')
        : this.redis
            .multi()
            .set(session, caller.userId, 'EX', REFRESH_TTL_SECONDS)
            .sadd(userSessionsKey(caller.userId), family)
            .expire(userSessionsKey(caller.userId), REFRESH_TTL_SECONDS)
      )
        .set(refreshKey(jti), family, 'EX', REFRESH_TTL_SECONDS)
        .exec(),
    );
    if (results?.[0]?.[1] !== 'OK') throw unauthorized('The session has ended. Sign in again.');
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TTL_SECONDS,
      refreshExpiresIn: REFRESH_TTL_SECONDS,
    };
  }

  /** The caller an access token speaks for; 401 if it is not one of ours, or expired. */
  async verifyAccess(token: string): Promise<Caller> {
    const payload = await this.verify(token, ACCESS_AUDIENCE, 'access');
    const claims = AccessClaims.safeParse(payload);
    if (!claims.success) throw unauthorized('The access token is not valid.');
    return { userId: claims.data.sub, role: claims.data.role, name: claims.data.name };
  }

  /**
   * Exchanges a refresh token for a new pair. `current` re-reads the person (role, name, active)
   * and throws a 401 problem to refuse, which ends the session; any other failure (the identity
   * service is down) leaves the token unused, so the client can retry it.
   */
  async rotate(
    refreshToken: string,
    current: (userId: string) => Promise<Caller>,
  ): Promise<{ pair: TokenPair; caller: Caller }> {
    const claims = await this.refreshClaims(refreshToken);
    if ((await redisCall(this.redis.get(refreshKey(claims.jti)))) === null) await this.reused(claims);
    if ((await redisCall(this.redis.exists(sessionKey(claims.fam)))) === 0) {
      throw unauthorized('The session has ended. Sign in again.');
    }
    let caller: Caller;
    try {
      caller = await current(claims.sub);
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 401) await this.endSession(claims.fam);
      throw error;
    }
    // Consumed only now, atomically: of two racing exchanges of one token, the second is a reuse.
    if ((await redisCall(this.redis.getdel(refreshKey(claims.jti)))) === null) await this.reused(claims);
    return { pair: await this.issue(caller, claims.fam), caller };
  }

  private async reused(claims: z.infer<typeof RefreshClaims>): Promise<never> {
    await this.endSession(claims.fam);
    this.logger.warn(
      { userId: claims.sub, session: claims.fam },
      'a refresh token was presented again after it had been used: session revoked',
    );
    throw unauthorized('This refresh token was already used; the session is revoked. Sign in again.');
  }

  /** Logout: the session of this refresh token ends (its other tokens stop working too). */
  async revoke(refreshToken: string): Promise<void> {
    const claims = await this.refreshClaims(refreshToken);
    await this.endSession(claims.fam);
  }

  /** Ends every session of a person (their refresh tokens stop working; access tokens expire). */
  async endSessionsOf(userId: string): Promise<void> {
    const key = userSessionsKey(userId);
    const families = await redisCall(this.redis.smembers(key));
    await redisCall(
      this.redis
        .multi()
        .del(key, ...families.map(sessionKey))
        .exec(),
    );
  }

  private async endSession(family: string): Promise<void> {
    await redisCall(this.redis.del(sessionKey(family)));
  }

  private async refreshClaims(token: string): Promise<z.infer<typeof RefreshClaims>> {
    const claims = RefreshClaims.safeParse(await this.verify(token, REFRESH_AUDIENCE, 'refresh'));
    if (!claims.success) throw unauthorized('The refresh token is not valid.');
    return claims.data;
  }

  private async verify(token: string, audience: string, what: string): Promise<unknown> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized(`The ${what} token has expired.`);
      if (error instanceof joseErrors.JOSEError) throw unauthorized(`The ${what} token is not valid.`);
      throw error;
    }
  }
}
