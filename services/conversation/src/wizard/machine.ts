import type { WizardPress } from '@fieldgram/bot-ui';
import type { WizardState } from '../session/session-store.js';
import { t } from '@fieldgram/bot-ui';
import { choicesAt } from './choices.js';
import type {
  Answer,
  Answers,
  ConfirmedWizard,
  FilesAnswers,
  GivenChoices,
  WizardContext,
  WizardDefinition,
  WizardFile,
  WizardStep,
  WizardText,
} from './definition.js';
import { collectFiles, filesOf, refusedFilesText } from './files.js';

/**
 * The wizard as a pure state machine: a state (as kept in the session) and an input (a typed
 * text or a wizard button) give the next state and what to show. No I/O; `wizard-turns.ts`
 * adapts it to turns. The step index runs 0…N-1 over the questions; N is the summary.
 */
export type WizardInput =
  | { kind: 'text'; text: string }
  /**
   * The files of one message, or of an album (one event from bot-gateway; a part that reached
   * the gateway late comes as another event of the same `albumId`).
   */
  | { kind: 'files'; files: readonly WizardFile[]; albumId?: string }
  | { kind: 'press'; press: WizardPress };

export type WizardOutcome =
  /** Ask the state's step (again, after `error`: the answer was not one). */
  | { kind: 'ask'; state: WizardState; error?: WizardText }
  /** Show the summary (with a hint: text was sent where a tap was expected). */
  | { kind: 'summary'; state: WizardState; hint?: boolean }
  | { kind: 'confirmed'; confirmed: ConfirmedWizard }
  | { kind: 'cancelled'; state: WizardState }
  /** A button of another run or of a step the wizard is no longer at: no effect. */
  | { kind: 'stale' };

const STALE: WizardOutcome = { kind: 'stale' };

/** A new filling-in of `definition`, at its first step, with the buttons given for its steps (if any). */
export function startState(
  definition: WizardDefinition,
  start: { run: string; userId: string; context: WizardContext; now: number; choices?: GivenChoices },
): WizardState {
  return {
    name: definition.id,
    version: definition.version,
    run: start.run,
    step: 0,
    data: {},
    context: start.context,
    userId: start.userId,
    updatedAt: start.now,
    ...(start.choices ? { choices: keptChoices(start.choices) } : {}),
  };
}

/** Given choices as the session keeps them (plain JSON). */
function keptChoices(choices: GivenChoices): NonNullable<WizardState['choices']> {
  return Object.fromEntries(
    Object.entries(choices).map(([field, list]) => [
      field,
      list.map(({ value, label }) => ({
        value,
        label: typeof label === 'string' ? label : { en: label.en, ru: label.ru },
      })),
    ]),
  );
}

/** State kept under another version of the definition (or none, or a broken one) cannot go on. */
export function isOutdated(definition: WizardDefinition | undefined, state: WizardState): boolean {
  return (
    !definition ||
    state.version !== definition.version ||
    state.run === undefined ||
    state.step > definition.steps.length
  );
}

/** When the wizard counts as left unfinished if nothing happens (ms since the epoch). */
export function idleDeadline(state: WizardState, idleMs: number): number {
  return (state.updatedAt ?? 0) + idleMs;
}

/** Back is offered where there is somewhere to go back to: not on the first question (unless editing). */
export function canGoBack(state: WizardState): boolean {
  return state.step > 0 || state.editing === true;
}

/** The answers kept so far (only the values an answer can be). */
export function answersOf(state: WizardState): Answers {
  const answers: Answers = {};
  for (const [field, value] of Object.entries(state.data)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      answers[field] = value;
  }
  return answers;
}

/** The files of the definition's files steps answered so far (Done pressed, or files sent), by field. */
export function filesAnswersOf(definition: WizardDefinition, state: WizardState): FilesAnswers {
  const files: FilesAnswers = {};
  for (const step of definition.steps)
    if (step.files && Array.isArray(state.data[step.field]))
      files[step.field] = filesOf(state.data[step.field]);
  return files;
}

/** Whether a step has its answer (a files step: once Done kept its files, even none). */
function isAnswered(step: WizardStep, state: WizardState): boolean {
  return step.files ? Array.isArray(state.data[step.field]) : answersOf(state)[step.field] !== undefined;
}

export function advance(
  definition: WizardDefinition,
  state: WizardState,
  input: WizardInput,
  now: number,
): WizardOutcome {
  const summary = definition.steps.length;
  const moved = (changes: Partial<WizardState> = {}): WizardState => ({
    ...state,
    ...changes,
    updatedAt: now,
  });
  const step = definition.steps[state.step];
  if (input.kind === 'text') {
    if (!step) return { kind: 'summary', state: moved(), hint: true };
    if (step.files) return { kind: 'ask', state: moved(), error: 'wizard.media.expected' };
    if (!step.parse) return { kind: 'ask', state: moved(), error: 'wizard.invalid.choice' };
    const parsed = step.parse(input.text.trim());
    if (!parsed.ok) return { kind: 'ask', state: moved(), error: parsed.error };
    return answered(definition, moved(), parsed.value);
  }
  if (input.kind === 'files') {
    const albumField = input.albumId !== undefined ? state.albums?.[input.albumId] : undefined;
    const albumStep = definition.steps.find((candidate) => candidate.field === albumField && candidate.files);
    if (albumStep && albumStep !== step) return latePartsOfAlbum(moved(), albumStep, input.files, summary);
    if (!step) return { kind: 'summary', state: moved(), hint: true };
    if (!step.files)
      return {
        kind: 'ask',
        state: moved(),
        error: step.parse ? 'wizard.invalid.text' : 'wizard.invalid.choice',
      };
    return filesSent(moved(), step, input.files, input.albumId);
  }
  const { press } = input;
  if (press.run !== state.run || press.step !== state.step) return STALE;
  switch (press.action) {
    case 'cancel':
      return { kind: 'cancelled', state };
    case 'back':
      if (!step) return { kind: 'ask', state: withoutEditing(moved({ step: summary - 1 })) };
      if (state.editing) return { kind: 'summary', state: withoutEditing(moved({ step: summary })) };
      if (state.step === 0) return STALE;
      return { kind: 'ask', state: moved({ step: state.step - 1 }) };
    case 'pick': {
      const choice = step ? choicesAt(step, state)[press.index ?? -1] : undefined;
      return choice ? answered(definition, moved(), choice.value) : STALE;
    }
    case 'skip':
      return step?.optional ? answered(definition, moved(), undefined) : STALE;
    case 'done': {
      if (!step?.files) return STALE;
      const files = filesOf(state.data[step.field]);
      const { min } = step.files;
      if (files.length < min)
        return { kind: 'ask', state: moved(), error: (lang) => t(lang, 'wizard.media.tooFew', { min }) };
      return answered(definition, moved(), files);
    }
    case 'clear': {
      if (!step?.files) return STALE;
      const { [step.field]: _cleared, ...data } = state.data;
      return { kind: 'ask', state: moved({ data }) };
    }
    case 'edit':
      if (step || press.index === undefined || press.index >= summary) return STALE;
      return { kind: 'ask', state: moved({ step: press.index, editing: true }) };
    case 'confirm': {
      if (step) return STALE;
      // Only a definition changed under the same version could leave a required answer missing.
      const missing = definition.steps.findIndex((s) => !s.optional && !isAnswered(s, state));
      if (missing >= 0) return { kind: 'ask', state: moved({ step: missing, editing: true }) };
      const answers = answersOf(state);
      const context = state.context ?? {};
      const hasFiles = definition.steps.some((s) => s.files);
      return {
        kind: 'confirmed',
        confirmed: hasFiles
          ? { answers, context, files: filesAnswersOf(definition, state) }
          : { answers, context },
      };
    }
  }
}

/**
 * Files sent to a files step: those that may be attached are, and it is asked again (the count,
 * Done). An album is remembered with its step, for its parts that come later.
 */
function filesSent(
  state: WizardState,
  step: WizardStep,
  incoming: readonly WizardFile[],
  albumId?: string,
): WizardOutcome {
  const rule = step.files!;
  const collected = collectFiles(rule, filesOf(state.data[step.field]), incoming);
  const error = refusedFilesText(rule, collected);
  const next = {
    ...state,
    data: { ...state.data, [step.field]: collected.files },
    ...(albumId !== undefined ? { albums: { ...state.albums, [albumId]: step.field } } : {}),
  };
  return error ? { kind: 'ask', state: next, error } : { kind: 'ask', state: next };
}

/**
 * The rest of an album whose first parts were sent to an earlier files step (a busy gateway got
 * them apart, Done may already be pressed): they join those parts, under the same rules, and the
 * person stays where they are (the summary shows the new count). Nothing they sent is dropped.
 */
function latePartsOfAlbum(
  state: WizardState,
  albumStep: WizardStep,
  incoming: readonly WizardFile[],
  summary: number,
): WizardOutcome {
  const rule = albumStep.files!;
  const collected = collectFiles(rule, filesOf(state.data[albumStep.field]), incoming);
  const next = { ...state, data: { ...state.data, [albumStep.field]: collected.files } };
  const error = refusedFilesText(rule, collected);
  if (state.step === summary) return { kind: 'summary', state: next };
  return error ? { kind: 'ask', state: next, error } : { kind: 'ask', state: next };
}

/** The step's answer kept (or cleared: skipped); on to the next step, or back to the summary. */
function answered(
  definition: WizardDefinition,
  state: WizardState,
  value: Answer | readonly WizardFile[] | undefined,
): WizardOutcome {
  const field = definition.steps[state.step]!.field;
  const data = { ...state.data };
  if (value === undefined) delete data[field];
  else data[field] = value;
  const next = state.editing ? definition.steps.length : state.step + 1;
  const after = withoutEditing({ ...state, data, step: next });
  return next === definition.steps.length ? { kind: 'summary', state: after } : { kind: 'ask', state: after };
}

function withoutEditing(state: WizardState): WizardState {
  const { editing: _editing, ...rest } = state;
  return rest;
}
