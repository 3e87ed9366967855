import { knownCommand } from '../core/commands.js';
import {
  blockedReply,
  cancelReply,
  helpReply,
  mainMenuReply,
  startReplies,
  unknownCommandReply,
} from '../views/replies.js';
import { readStartPayload } from '../core/start-payload.js';
import { leaveDialog } from './dialog.js';
import { personOf, registerSender, servePerson } from './people.js';
import type { Turn, UpdateHandler } from './turn.js';

/** `/start [payload]`, `/help`, `/menu`, `/cancel`; anything else is an unknown command. */
export const handleCommand: UpdateHandler<'tg.in.command'> = async (turn) => {
  const { command } = turn.update.data;
  switch (knownCommand(command)) {
    case 'start':
      return start(turn);
    case 'help':
      return servePerson(turn, (user) => [helpReply(user, turn.lang)]);
    case 'menu':
      return servePerson(turn, async (user) => {
        await leaveDialog(turn, 'menu');
        return [mainMenuReply(user, turn.lang)];
      });
    case 'cancel':
      return servePerson(turn, async (user) => [
        cancelReply(user, await leaveDialog(turn, 'cancel'), turn.lang),
      ]);
    case undefined:
      return servePerson(turn, (user) => [unknownCommandReply(user, command, turn.lang)]);
  }
};

/**
 * `/start` with or without a deep-link payload (S0-02…S0-04, S2-01, S3-06): identity registers,
 * recognizes or links the sender; the welcome follows its outcome. Whatever the chat was doing
 * is over. A payload that cannot be a token still registers the sender (as a client), who is
 * told the link did not work. An inactive person stays blocked, whatever link they come back
 * with (S3-07): identity answers `blocked` and registers or links nothing for them.
 */
async function start(turn: Turn<'tg.in.command'>) {
  const { payload, malformed } = readStartPayload(turn.update.data.payload);
  // One request: identity answers `blocked` for an inactive person and changes nothing.
  const result = await registerSender(turn, payload);
  if (result.outcome === 'blocked') return [blockedReply(turn.lang)];
  const outcome = malformed && result.outcome === 'registered' ? 'invite-invalid' : result.outcome;
  await leaveDialog(turn, 'start');
  return startReplies(outcome, personOf(result.user, turn), turn.lang);
}
