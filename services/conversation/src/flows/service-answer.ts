import { t, type Lang } from '@fieldgram/bot-ui';
import type { Actor, Envelope, User } from '@fieldgram/contracts';
import { RemoteError, askOrRetryLater } from '@fieldgram/platform';
import type { PlainTextKey } from '../wizard/definition.js';

/** The message being handled: what a flow's request is caused by. */
export type Cause = Pick<Envelope, 'id' | 'correlationId'>;

/** Why a service said no: the press or answer changes nothing and is answered politely. */
export type Refusal = 'conflict' | 'forbidden' | 'not_found' | 'invalid';
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal; message: string };

const REFUSALS: Record<string, Refusal> = {
  conflict: 'conflict',
  forbidden: 'forbidden',
  unauthorized: 'forbidden',
  not_found: 'not_found',
  validation: 'invalid',
};

/**
 * A flow's request to another service: its answer, or its refusal as an outcome (not an error).
 * No answer at all (the service down, slow, unreachable) is a dependency outage: the update is
 * retried later (`askOrRetryLater`).
 */
export async function answerOrRefusal<T>(request: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await askOrRetryLater(request) };
  } catch (error) {
    if (error instanceof RemoteError && REFUSALS[error.code]) {
      return { ok: false, refusal: REFUSALS[error.code]!, message: error.message };
    }
    throw error;
  }
}

/** The person pressing or answering, as the envelope's actor: the service authorizes them. */
export function actorOf(user: Pick<User, 'id' | 'role'>): Actor {
  return { kind: 'user', userId: user.id, role: user.role };
}

/** A flow's polite text for each refusal, as a function of the refusal and the language. */
export function refusalTexts(texts: Record<Refusal, PlainTextKey>): (refusal: Refusal, lang: Lang) => string {
  return (refusal, lang) => t(lang, texts[refusal]);
}
