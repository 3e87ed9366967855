import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { RoleSchema } from '@fieldgram/contracts';
import type { Caller } from '../http/context.js';
import { redisCall } from '../auth/with-timeout.js';

export const TICKET_TTL_SECONDS = 60;

const ticketKey = (ticket: string) => `api-gateway:stream-ticket:${ticket}`;
const StoredCaller = z.object({ userId: z.string(), role: RoleSchema, name: z.string() });

/**
 * Browsers' EventSource cannot send an Authorization header: the console asks for a ticket with
 * its bearer token and opens the stream with `?ticket=`. A ticket is random, lives 60 s, and is
 * consumed by its first use (GETDEL), so one leaked in a log or a proxy is worth nothing.
 */
export class StreamTickets {
  constructor(private readonly redis: Redis) {}

  async issue(caller: Caller): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    await redisCall(this.redis.set(ticketKey(ticket), JSON.stringify(caller), 'EX', TICKET_TTL_SECONDS));
    return ticket;
  }

  /** The caller the ticket was issued to, or null if unknown, expired or already used. */
  async redeem(ticket: string): Promise<Caller | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return null;
    const stored = await redisCall(this.redis.getdel(ticketKey(ticket)));
    if (stored === null) return null;
    const caller = StoredCaller.safeParse(JSON.parse(stored));
    return caller.success ? caller.data : null;
  }
}
