import { parseCallback } from '@fieldgram/bot-ui';
import type { Outgoing } from '../core/outgoing.js';
import { blockedCallbackAnswer, staleButtonAnswer } from '../views/replies.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/**
 * An inline button press (DESIGN §5): decoded, handed to its namespace's flow, and always
 * answered, so the button stops spinning. A press nobody handles (garbage, a forged or stale
 * button) gets a polite answer and has no effect; an inactive user's press gets the blocked notice.
 */
export const handleCallback: UpdateHandler<'tg.in.callback'> = async (turn) => {
  const { callbackQueryId, data } = turn.update.data;
  const stale = () => staleButtonAnswer(callbackQueryId, turn.lang);
  return servePerson(
    turn,
    async (user) => {
      const press = parseCallback(data);
      const route = press && turn.deps.routes.callbacks[press.ns];
      if (!press || !route) return [stale()];
      return answered(await route(turn, user, press), callbackQueryId);
    },
    {
      blocked: () => [blockedCallbackAnswer(callbackQueryId, turn.lang)],
      firstContact: (welcome) => [stale(), ...welcome],
    },
  );
};

/** A flow's replies with the press answered (silently, if the flow did not answer it itself). */
function answered(replies: Outgoing[], callbackQueryId: string): Outgoing[] {
  if (replies.some((reply) => reply.kind === 'callback-answer')) return replies;
  return [{ kind: 'callback-answer', callbackQueryId }, ...replies];
}
