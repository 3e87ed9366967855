import { setTimeout as sleep } from 'node:timers/promises';
import type { BotRecord } from '../state/directory.js';
import type { SandboxCore } from '../state/sandbox-core.js';
import type { TelegramResponse } from '../telegram-types.js';
import { BotApiError, ErrorText, serverErrorText, tooManyRequests } from './bot-api-error.js';
import { chatIdOf, chatTheBotMayUse } from './chat-access.js';
import type { MethodContext, UploadedFile } from './method.js';
import { findMethod } from './registry.js';

/** How the HTTP layer should answer a call. */
export type ApiAnswer =
  | AnsweredCall
  /** An injected timeout: keep the connection open without answering, closing it after holdMs if set. */
  | { kind: 'hold'; holdMs: number | undefined };

export interface AnsweredCall {
  kind: 'answer';
  status: number;
  body: TelegramResponse<unknown>;
}

export interface ApiCall {
  bot: BotRecord;
  method: string;
  params: Record<string, unknown>;
  uploads?: ReadonlyMap<string, UploadedFile>;
  clientGone?: AbortSignal;
}

/**
 * The Bot API without HTTP: fault injection, validation, chat access, flood limits, then the
 * method itself; every failure becomes Telegram's error answer.
 */
export class BotApi {
  constructor(private readonly core: SandboxCore) {}

  async call(call: ApiCall): Promise<ApiAnswer> {
    const { core } = this;
    core.stats.countCall(findMethod(call.method)?.name ?? call.method);
    let answer: ApiAnswer;
    try {
      answer = await this.run(call);
    } catch (error) {
      answer = errorAnswer(error);
    }
    if (answer.kind === 'answer') core.stats.countAnswer(answer.status);
    return answer;
  }

  private async run({ bot, method: name, params, uploads, clientGone }: ApiCall): Promise<ApiAnswer> {
    const method = findMethod(name);
    if (method === undefined) throw new BotApiError(404, ErrorText.notFound);

    const fault = this.core.faults.take({ method: method.name, chatId: rawChatId(params.chat_id) });
    if (fault?.kind === 'server_error') {
      const status = fault.status ?? 500;
      throw new BotApiError(status, serverErrorText(status));
    }
    if (fault?.kind === 'too_many_requests') throw tooManyRequests(fault.retryAfterSeconds ?? 1);
    if (fault?.kind === 'timeout' && fault.applied !== true) return { kind: 'hold', holdMs: fault.holdMs };
    if (fault?.kind === 'blocked') throw new BotApiError(403, ErrorText.blocked);
    if (fault?.kind === 'latency') await sleep(fault.latencyMs);

    const prepared = method.prepare(params);
    if (prepared.chatId !== undefined) {
      const chat = chatTheBotMayUse(this.core, bot, prepared.chatId);
      if (method.countsTowardsFloodLimits) {
        const verdict = this.core.limiter.tryCall(
          bot.id,
          chatIdOf(chat),
          chat.kind === 'group',
          this.core.now(),
        );
        if (!verdict.allowed) throw tooManyRequests(verdict.retryAfterSeconds);
      }
    }
    const context: MethodContext = {
      core: this.core,
      bot,
      uploads: uploads ?? new Map(),
      clientGone: clientGone ?? new AbortController().signal,
      runMethod: async (replyBot, replyMethod, replyParams) => {
        await this.call({ bot: replyBot, method: replyMethod, params: replyParams });
      },
    };
    const result: unknown = await prepared.run(context);
    // A lost answer: the call took effect, but the bot never hears so.
    if (fault?.kind === 'timeout') return { kind: 'hold', holdMs: fault.holdMs };
    return { kind: 'answer', status: 200, body: { ok: true, result } };
  }
}

export function errorAnswer(error: unknown): AnsweredCall {
  const failure =
    error instanceof BotApiError
      ? error
      : new BotApiError(
          500,
          `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`,
        );
  return {
    kind: 'answer',
    status: failure.errorCode,
    body: {
      ok: false,
      error_code: failure.errorCode,
      description: failure.description,
      ...(failure.parameters !== undefined && { parameters: failure.parameters }),
    },
  };
}

/** chat_id as faults match it: a number, or a number sent as text. */
function rawChatId(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
