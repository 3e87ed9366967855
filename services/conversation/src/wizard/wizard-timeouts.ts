import { periodicTask, type KeyedSerializer, type ServicePart } from '@fieldgram/platform';
import type { ConversationDeps } from '../handlers/turn.js';
import { idleDeadline } from './machine.js';
import { reportLeft } from './wizard-turns.js';

/** Chats looked at per sweep; the rest wait for the next one. */
const SWEEP_BATCH = 200;

/**
 * Reports wizards nobody answered for the idle time, also for people who never come back: every
 * `intervalMs`, each chat whose deadline passed is claimed (removed from the deadlines, so one
 * instance reports it) and looked at under the chat's serializer. A wizard that moved since has
 * its deadline set again; an idle one is reported as `timeout` and stays resumable (the chat's
 * next turn marks it reported). A failed report puts the deadline back, for the next sweep.
 */
export function wizardTimeouts(
  deps: ConversationDeps,
  chats: KeyedSerializer,
  intervalMs: number,
): ServicePart {
  return periodicTask({
    name: 'wizard-timeouts',
    intervalMs,
    logger: deps.logger,
    task: () => sweepIdleWizards(deps, chats, Date.now()),
  });
}

export async function sweepIdleWizards(
  deps: ConversationDeps,
  chats: KeyedSerializer,
  now: number,
): Promise<void> {
  const { deadlines } = deps.wizards;
  for (const chatId of await deadlines.due(now, SWEEP_BATCH)) {
    if (!(await deadlines.claim(chatId))) continue; // another instance, or the chat's own turn, took it
    await chats.run(chatId, async () => {
      const state = (await deps.sessions.get(chatId))?.wizard;
      if (!state || state.reported) return;
      const deadline = idleDeadline(state, deps.wizards.idleMs);
      if (deadline > now) return deadlines.set(chatId, deadline);
      try {
        await reportLeft(deps, chatId, state, 'timeout');
      } catch (error) {
        deps.logger.warn(
          { err: error, chatId },
          'reporting an idle wizard failed; tried again at the next sweep',
        );
        await deadlines.set(chatId, deadline);
      }
    });
  }
}
