import { randomBytes } from 'node:crypto';
import type { WizardPress } from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../core/outgoing.js';
import type { ConversationDeps, InboundType, Turn } from '../handlers/turn.js';
import type { WizardState } from '../session/session-store.js';
import type { WizardDeadlines } from '../session/wizard-deadlines.js';
import { staleButtonAnswer, wizardCancelledReply, wizardOutdatedReply } from '../views/replies.js';
import { leftUnfinished, type LeaveReason, type WizardLeft } from './abandonment.js';
import type {
  ConfirmedRun,
  GivenChoices,
  WizardContext,
  WizardDefinition,
  WizardText,
} from './definition.js';
import {
  advance,
  idleDeadline,
  isOutdated,
  startState,
  type WizardInput,
  type WizardOutcome,
} from './machine.js';
import { questionReply, summaryReply } from './wizard-views.js';

/**
 * The thin adapter of the wizard state machine into turns: the state lives in the chat's session
 * (so a wizard resumes after a restart), the replies are the machine's outcome rendered, and a
 * wizard left unfinished is reported through `onLeft`.
 */
export interface WizardSupport {
  deadlines: WizardDeadlines;
  /** No answer for this long and the wizard counts as left unfinished (it stays resumable). */
  idleMs: number;
  /** The abandonment hook; awaited, so when it fails the update is retried. */
  onLeft(event: WizardLeft): Promise<void>;
}

/** A short id for one filling-in of a form; its buttons carry it (`wz:<action>:<run>:…`). */
const newRun = () => randomBytes(6).toString('base64url');

/**
 * Starts wizard `id` (from a flow's menu button or press) at its first step, about `context`,
 * with the buttons the flow looked up for its `givenChoices` steps. Whatever wizard the chat was
 * in is left (`replaced`), and a prompt it waited on is dropped.
 */
export async function startWizard(
  turn: Turn<InboundType>,
  user: User,
  id: string,
  context: WizardContext = {},
  options: { choices?: GivenChoices } = {},
): Promise<Outgoing[]> {
  const definition = turn.deps.routes.wizards[id];
  if (!definition) throw new Error(`no wizard "${id}" is mounted`);
  await leaveWizard(turn, 'replaced');
  delete turn.session.prompt;
  const state = startState(definition, {
    run: newRun(),
    userId: user.id,
    context,
    now: Date.now(),
    ...(options.choices ? { choices: options.choices } : {}),
  });
  turn.session.wizard = state;
  return [questionReply(definition, state, turn.lang)];
}

/** Text sent while in a wizard: the answer to its step (or, at the summary, a hint to tap). */
export function answerWizard(
  turn: Turn<'tg.in.message'>,
  user: User,
  state: WizardState,
): Promise<Outgoing[]> {
  return answerWith(turn, user, state, { kind: 'text', text: turn.update.data.text });
}

/** Files (a photo, a document, an album) sent while in a wizard: a files step's, or a polite re-ask. */
export function answerWizardFiles(
  turn: Turn<'tg.in.media'>,
  user: User,
  state: WizardState,
): Promise<Outgoing[]> {
  const { files, mediaGroupId } = turn.update.data;
  return answerWith(turn, user, state, {
    kind: 'files',
    files,
    ...(mediaGroupId !== undefined ? { albumId: mediaGroupId } : {}),
  });
}

async function answerWith(
  turn: Turn<'tg.in.message' | 'tg.in.media'>,
  user: User,
  state: WizardState,
  input: WizardInput,
): Promise<Outgoing[]> {
  const moved = move(turn, state, input);
  return moved ? show(turn, user, moved) : outdated(turn, user);
}

/** A wizard button of the chat's wizard; one of another run or an earlier step is stale. */
export async function pressWizard(
  turn: Turn<'tg.in.callback'>,
  user: User,
  state: WizardState,
  press: WizardPress,
): Promise<Outgoing[]> {
  const moved = move(turn, state, { kind: 'press', press });
  if (!moved) return outdated(turn, user);
  if (moved.outcome.kind === 'stale') return [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];
  return show(turn, user, moved);
}

interface Moved {
  definition: WizardDefinition;
  /** The state the input found. */
  before: WizardState;
  outcome: WizardOutcome;
}

/** The machine's next step, or none when the state is outdated (its definition changed or is gone). */
function move(turn: Turn<InboundType>, state: WizardState, input: WizardInput): Moved | undefined {
  const definition = turn.deps.routes.wizards[state.name];
  if (!definition || isOutdated(definition, state)) return undefined;
  return { definition, before: state, outcome: advance(definition, state, input, Date.now()) };
}

async function outdated(turn: Turn<InboundType>, user: User): Promise<Outgoing[]> {
  await leaveWizard(turn, 'outdated');
  return [wizardOutdatedReply(user, turn.lang)];
}

async function show(
  turn: Turn<'tg.in.message' | 'tg.in.callback' | 'tg.in.media'>,
  user: User,
  { definition, before, outcome }: Moved,
): Promise<Outgoing[]> {
  switch (outcome.kind) {
    case 'ask':
      turn.session.wizard = outcome.state;
      return [questionReply(definition, outcome.state, turn.lang, outcome.error)];
    case 'summary':
      turn.session.wizard = outcome.state;
      return [summaryReply(definition, outcome.state, turn.lang, outcome.hint)];
    case 'cancelled':
      await leaveWizard(turn, 'cancel');
      return [wizardCancelledReply(user, turn.lang)];
    case 'confirmed':
      // Over before the flow's use-case runs: its answer (or refusal) ends the wizard, unless it
      // asks for an answer again.
      delete turn.session.wizard;
      return definition.finish(turn, user, outcome.confirmed, confirmedRun(turn, definition, before));
    case 'stale': // a press only: answered as stale before this
      return [];
  }
}

/** The confirmed filling-in for the flow: its run, and a way back into it when the use-case refuses. */
function confirmedRun(
  turn: Turn<InboundType>,
  definition: WizardDefinition,
  confirmed: WizardState,
): ConfirmedRun {
  return {
    id: confirmed.run ?? '',
    reask: (field: string | undefined, error: WizardText) => {
      const { editing: _editing, ...rest } = confirmed;
      const step = definition.steps.findIndex((s) => s.field === field);
      const state: WizardState =
        step >= 0
          ? { ...rest, step, editing: true, updatedAt: Date.now() }
          : { ...rest, step: definition.steps.length, updatedAt: Date.now() };
      turn.session.wizard = state;
      return step >= 0
        ? [questionReply(definition, state, turn.lang, error)]
        : [summaryReply(definition, state, turn.lang, false, error)];
    },
  };
}

/** Leaves the chat's wizard, if any, reporting it as left unfinished; true if there was one. */
export async function leaveWizard(turn: Turn<InboundType>, reason: LeaveReason): Promise<boolean> {
  const state = turn.session.wizard;
  if (!state) return false;
  delete turn.session.wizard;
  await reportLeft(turn.deps, turn.chatId, state, reason);
  return true;
}

/** The abandonment hook, for a state not reported yet. */
export async function reportLeft(
  deps: ConversationDeps,
  chatId: number,
  state: WizardState,
  reason: LeaveReason,
): Promise<void> {
  const event = leftUnfinished(deps.routes.wizards[state.name], state, { reason, chatId, now: Date.now() });
  if (event) await deps.wizards.onLeft(event);
}

/**
 * At a turn's start: a wizard idle past its time is reported (once: by this turn, or already by
 * a sweep, whichever removes its deadline) and marked so; it stays resumable.
 */
export async function noteIdleWizard(turn: Turn<InboundType>): Promise<void> {
  const { wizards } = turn.deps;
  const state = turn.session.wizard;
  if (!state || state.reported || idleDeadline(state, wizards.idleMs) > Date.now()) return;
  if (await wizards.deadlines.claim(turn.chatId)) await reportLeft(turn.deps, turn.chatId, state, 'timeout');
  turn.session.wizard = { ...state, reported: true };
}

/** After a turn: the chat's wizard deadline follows its wizard (none once it is over or reported). */
export async function followWizardDeadline(
  deps: ConversationDeps,
  chatId: number,
  before: WizardState | undefined,
  after: WizardState | undefined,
): Promise<void> {
  if (after && !after.reported)
    await deps.wizards.deadlines.set(chatId, idleDeadline(after, deps.wizards.idleMs));
  else if (before && !before.reported) await deps.wizards.deadlines.claim(chatId);
}
