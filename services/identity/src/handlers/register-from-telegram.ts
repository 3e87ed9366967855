import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import {
  registerFromTelegram,
  type RegisterFromTelegramDeps,
} from '../usecases/register-from-telegram/register-from-telegram.js';

/** `identity.register-from-telegram` (S0-02…S0-04, S2-01, S3-06): first contact or /start. */
export function registerFromTelegramHandler(
  deps: RegisterFromTelegramDeps,
): RequestHandler<Messages, 'identity.register-from-telegram'> {
  return (request) => registerFromTelegram(deps, request);
}
