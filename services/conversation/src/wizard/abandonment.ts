import type { WizardState } from '../session/session-store.js';
import type { Answers, FilesAnswers, WizardContext, WizardDefinition } from './definition.js';
import { answersOf, filesAnswersOf } from './machine.js';

/**
 * How a wizard was left unfinished: ✖️ Cancel (or `/cancel`); a main-menu button or `/menu`;
 * `/start`; no answer for the idle time; its definition changed (`outdated`); another wizard or
 * prompt started (`replaced`); the user blocked the bot.
 */
export type LeaveReason = 'cancel' | 'menu' | 'start' | 'timeout' | 'outdated' | 'replaced' | 'blocked';

/** The abandonment event (S1-07 "abandoned actions" will publish it to the managers). */
export interface WizardLeft {
  wizard: string;
  version: number | undefined;
  /** The filling-in: reported at most once, so a redelivered update's report can be told by it. */
  run: string | undefined;
  reason: LeaveReason;
  /** Who: their private chat (= Telegram id) and identity's user id. */
  chatId: number;
  userId: string | undefined;
  /** The step reached, 1-based (at the summary: the last one, with `atSummary`). */
  step: number;
  totalSteps: number;
  atSummary: boolean;
  answers: Answers;
  /** The files of its files steps so far (only when there are some). */
  files?: FilesAnswers;
  context: WizardContext;
  /** ISO time it was left. */
  at: string;
}

/**
 * The event for a wizard left unfinished, or none when this run was already reported (once for
 * inactivity; the wizard stays resumable, and leaving it later is not a second abandonment).
 */
export function leftUnfinished(
  definition: WizardDefinition | undefined,
  state: WizardState,
  left: { reason: LeaveReason; chatId: number; now: number },
): WizardLeft | undefined {
  if (state.reported) return undefined;
  const totalSteps = definition?.steps.length ?? 0;
  const atSummary = definition !== undefined && state.step >= totalSteps;
  const files = definition ? filesAnswersOf(definition, state) : {};
  return {
    wizard: state.name,
    version: state.version,
    run: state.run,
    reason: left.reason,
    chatId: left.chatId,
    userId: state.userId,
    step: atSummary ? totalSteps : state.step + 1,
    totalSteps,
    atSummary,
    answers: answersOf(state),
    ...(Object.keys(files).length > 0 ? { files } : {}),
    context: state.context ?? {},
    at: new Date(left.now).toISOString(),
  };
}
