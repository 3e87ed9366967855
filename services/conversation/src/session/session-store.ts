import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LANGS } from '@fieldgram/bot-ui';

/**
 * A wizard in progress (`../wizard/`): which, at which step (0-based; the step count is its
 * summary), with the answers so far. The rest is optional so a state stored before a field
 * existed still reads; the wizard mechanism treats one without `version` or `run` as outdated.
 */
const WizardStateSchema = z.object({
  name: z.string().min(1),
  step: z.number().int().nonnegative(),
  /** The answers so far, by field. */
  data: z.record(z.string(), z.unknown()).default({}),
  /** The definition's version it was started under. */
  version: z.number().int().optional(),
  /** This filling-in of the form: its buttons carry it, so another run's (or chat's) are stale. */
  run: z.string().min(1).optional(),
  /** What it was started about (a waybill's number…), given by the flow that started it. */
  context: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Editing one field from the summary: the answer returns to the summary. */
  editing: z.boolean().optional(),
  /** Who is filling it in (identity's user id), for the report when it is left unfinished. */
  userId: z.string().optional(),
  /** When it last moved (ms since the epoch): inactivity counts from here. */
  updatedAt: z.number().optional(),
  /** Reported as left unfinished after inactivity; resumable, but not reported twice. */
  reported: z.boolean().optional(),
  /** The albums sent to a files step (media_group_id → field), for their parts that come late. */
  albums: z.record(z.string(), z.string()).optional(),
  /** Buttons given when it started (payment methods, latest waybills), by the field they answer. */
  choices: z
    .record(
      z.string(),
      z.array(
        z.object({
          value: z.string(),
          label: z.union([z.string(), z.object({ en: z.string(), ru: z.string() })]),
        }),
      ),
    )
    .optional(),
});

/** A prompt waiting for its answer (the chat's next text): which, and what it is about. */
const PromptStateSchema = z.object({
  name: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Per-chat dialog state (DESIGN §1): never domain data, only what the dialog needs to go on. */
export const SessionSchema = z.object({
  lang: z.enum(LANGS),
  /** The menu or screen the chat is in, when not the main menu. */
  menu: z.string().min(1).optional(),
  wizard: WizardStateSchema.optional(),
  prompt: PromptStateSchema.optional(),
});
export type Session = z.output<typeof SessionSchema>;
export type WizardState = z.output<typeof WizardStateSchema>;
export type PromptState = z.output<typeof PromptStateSchema>;

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Sessions in Redis, one JSON value per chat under `conversation:session:<chatId>` (after the
 * connection's REDIS_PREFIX), expiring `ttlSeconds` after the last write. A value that no longer
 * parses (an older shape) counts as no session.
 */
export class SessionStore {
  private readonly ttlSeconds: number;

  /** `redis` is a getter, so the store can be made before the service's connection exists. */
  constructor(
    private readonly redis: () => Redis,
    private readonly options: { ttlSeconds?: number; logger?: Logger } = {},
  ) {
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  }

  static key(chatId: number): string {
    return `conversation:session:${chatId}`;
  }

  async get(chatId: number): Promise<Session | undefined> {
    const raw = await this.redis().get(SessionStore.key(chatId));
    if (raw === null) return undefined;
    const parsed = SessionSchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      this.options.logger?.warn({ chatId }, 'unreadable session ignored');
      return undefined;
    }
    return parsed.data;
  }

  /** Stores the session and restarts its time to live. */
  async set(chatId: number, session: Session): Promise<void> {
    const value = SessionSchema.parse(session);
    await this.redis().set(SessionStore.key(chatId), JSON.stringify(value), 'EX', this.ttlSeconds);
  }

  async clear(chatId: number): Promise<void> {
    await this.redis().del(SessionStore.key(chatId));
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
