import type { InboundType, Turn } from './turn.js';

/**
 * Whatever the chat was in the middle of — a wizard, a prompt, a submenu — is over (a main-menu
 * button, `/menu`, `/cancel`, `/start`). True if there was something to leave.
 */
export function leaveDialog(turn: Turn<InboundType>): boolean {
  const { session } = turn;
  const hadSomething =
    session.wizard !== undefined || session.prompt !== undefined || session.menu !== undefined;
  delete session.wizard;
  delete session.prompt;
  delete session.menu;
  return hadSomething;
}
