import type { PromptState } from '../session/session-store.js';
import type { LeaveReason } from '../wizard/abandonment.js';
import { leaveWizard } from '../wizard/wizard-turns.js';
import type { InboundType, Turn } from './turn.js';

/**
 * Whatever the chat was in the middle of — a wizard (reported as left unfinished, for `reason`),
 * a prompt, a submenu — is over: a main-menu button, `/menu`, `/cancel`, `/start`, blocking the
 * bot. True if there was something to leave.
 */
export async function leaveDialog(turn: Turn<InboundType>, reason: LeaveReason): Promise<boolean> {
  const { session } = turn;
  const hadSomething = session.prompt !== undefined || session.menu !== undefined;
  delete session.prompt;
  delete session.menu;
  return (await leaveWizard(turn, reason)) || hadSomething;
}

/** Waits for the chat's next text as the answer to `prompt`; a wizard the chat was in is left. */
export async function startPrompt(turn: Turn<InboundType>, prompt: PromptState): Promise<void> {
  await leaveWizard(turn, 'replaced');
  turn.session.prompt = prompt;
}
