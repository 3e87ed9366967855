import type { z } from 'zod';
import type { SandboxCore } from '../state/sandbox-core.js';
import type { BotRecord } from '../state/directory.js';
import { BotApiError } from './bot-api-error.js';

/** A file part of a multipart request. */
export interface UploadedFile {
  fieldName: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** Runs a Bot API method without HTTP: for the replies a bot gives in a webhook response. */
export type MethodRunner = (bot: BotRecord, method: string, params: Record<string, unknown>) => Promise<void>;

export interface MethodContext {
  readonly core: SandboxCore;
  readonly bot: BotRecord;
  /** Multipart file parts by field name (`photo`, or the name in `attach://<name>`). */
  readonly uploads: ReadonlyMap<string, UploadedFile>;
  /** Aborted when the HTTP client goes away, so a held long poll can let go. */
  readonly clientGone: AbortSignal;
  readonly runMethod: MethodRunner;
}

/** A call whose parameters passed validation, ready to run. */
export interface PreparedCall {
  /** The chat the call targets: checked (exists, not blocked) and flood-counted before it runs. */
  readonly chatId: number | string | undefined;
  run(context: MethodContext): unknown;
}

export interface BotMethod {
  readonly name: string;
  /** Puts or changes something in a chat, so it counts against the flood limits. */
  readonly countsTowardsFloodLimits: boolean;
  prepare(rawParams: Record<string, unknown>): PreparedCall;
}

interface MethodOptions<Params> {
  countsTowardsFloodLimits?: boolean;
  targetChat?: (params: Params) => number | string | undefined;
  /** Checks beyond the schema (texts, keyboards) that fail with 400 before anything is counted. */
  check?: (params: Params) => void;
}

export function defineMethod<Schema extends z.ZodType<Record<string, unknown>>>(
  name: string,
  schema: Schema,
  options: MethodOptions<z.output<Schema>>,
  run: (context: MethodContext, params: z.output<Schema>) => unknown,
): BotMethod {
  return {
    name,
    countsTowardsFloodLimits: options.countsTowardsFloodLimits ?? false,
    prepare(rawParams) {
      // Parameters the sandbox does not model (link_preview_options, message_effect_id, …) stay
      // in the event log as sent; `method` is the field telegraf adds to multipart bodies.
      const { method: _method, ...sent } = rawParams;
      const params = { ...sent, ...parseParams(schema, rawParams) };
      options.check?.(params);
      return {
        chatId: options.targetChat?.(params),
        run: (context) => run(context, params),
      };
    },
  };
}

/**
 * Validates with zod. A schema's own error text is Telegram's description; anything else
 * becomes "<field> is empty" or "<field> is invalid".
 */
export function parseParams<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.output<Schema> {
  const parsed = schema.safeParse(raw, {
    error: (issue) => {
      const field = (issue.path ?? []).join('.') || 'parameters';
      return issue.input === undefined ? `${field} is empty` : `${field} is invalid`;
    },
  });
  if (parsed.success) return parsed.data;
  const description = parsed.error.issues[0]?.message ?? 'invalid parameters';
  throw new BotApiError(
    400,
    description.startsWith('Bad Request: ') ? description : `Bad Request: ${description}`,
  );
}
