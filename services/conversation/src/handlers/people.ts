import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../core/outgoing.js';
import { blockedReply, startReplies, type Person, type StartOutcome } from '../views/replies.js';
import type { TelegramProfile } from '@fieldgram/contracts';
import type { InboundType, Turn } from './turn.js';

/** The sender as identity knows Telegram users. */
export function profileOf(turn: Turn<InboundType>): TelegramProfile {
  const { from } = turn.update.data;
  return {
    telegramId: from.id,
    firstName: from.firstName,
    ...(from.lastName !== undefined ? { lastName: from.lastName } : {}),
    ...(from.username !== undefined ? { username: from.username } : {}),
    ...(from.languageCode !== undefined ? { languageCode: from.languageCode } : {}),
  };
}

export function personOf(user: User, turn: Turn<InboundType>): Person {
  return { role: user.role, active: user.active, name: user.name.trim() || turn.update.data.from.firstName };
}

/** Once identity says who is writing: the language they chose (if any) is the one to answer in. */
export function speakAs(turn: Turn<InboundType>, user: User): void {
  if (!user.language) return;
  turn.lang = user.language;
  turn.session.lang = user.language;
}

/** `/start` and first contact: identity registers (or recognizes, or links) the sender. */
export async function registerSender(
  turn: Turn<InboundType>,
  startPayload?: string,
): Promise<{ user: User; outcome: StartOutcome }> {
  const registered = await turn.deps.identity.registerFromTelegram(
    profileOf(turn),
    startPayload,
    turn.update,
  );
  speakAs(turn, registered.user);
  return registered;
}

/**
 * Serves an update of a known, active person. Someone identity does not know yet is registered
 * as on a plain `/start` and welcomed (first contact; the update itself asked for nothing yet);
 * an inactive person gets the blocked notice and nothing else (S3-07).
 */
export async function servePerson<T extends InboundType>(
  turn: Turn<T>,
  serve: (user: User) => Promise<Outgoing[]> | Outgoing[],
  options: { blocked?: () => Outgoing[]; firstContact?: (welcome: Outgoing[]) => Outgoing[] } = {},
): Promise<Outgoing[]> {
  const blocked = options.blocked ?? (() => [blockedReply(turn.lang)]);
  const known = await turn.deps.identity.getUserByTelegram(turn.update.data.from.id, turn.update);
  if (!known) {
    const { user, outcome } = await registerSender(turn);
    if (!user.active) return blocked();
    const welcome = startReplies(outcome, personOf(user, turn), turn.lang);
    return options.firstContact ? options.firstContact(welcome) : welcome;
  }
  speakAs(turn, known);
  if (!known.active) return blocked();
  return serve(known);
}
