import {
  t,
  wizardFilesKeyboard,
  wizardStepKeyboard,
  wizardSummaryKeyboard,
  type InlineKeyboardMarkup,
  type Lang,
} from '@fieldgram/bot-ui';
import type { Outgoing } from '../core/outgoing.js';
import type { WizardState } from '../session/session-store.js';
import {
  say,
  type Answer,
  type WizardDefinition,
  type WizardFile,
  type WizardStep,
  type WizardText,
} from './definition.js';
import { choicesAt } from './choices.js';
import { filesOf } from './files.js';
import { answersOf, canGoBack } from './machine.js';

/** An answer as the summary shows it: the step's own `show`, a choice's label, or as kept. */
export function shownAnswer(step: WizardStep, value: Answer, lang: Lang, state: WizardState): string {
  if (step.show) return step.show(value, lang);
  const choice = choicesAt(step, state).find((c) => c.value === value);
  return choice ? say(choice.label, lang, state.context ?? {}) : String(value);
}

/**
 * A step's question: "Step n/N", the question, the answer kept so far (a files step: how many are
 * attached); after an invalid answer, why first.
 */
export function questionReply(
  definition: WizardDefinition,
  state: WizardState,
  lang: Lang,
  error?: WizardText,
): Outgoing {
  const context = state.context ?? {};
  const step = definition.steps[state.step]!;
  const kept = answersOf(state)[step.field];
  const lines = [
    ...(error ? [say(error, lang, context), ''] : []),
    t(lang, 'wizard.step', { step: state.step + 1, total: definition.steps.length }),
    say(step.question, lang, context),
    ...keptLine(step, kept, lang, state),
  ];
  return { kind: 'message', text: lines.join('\n'), markup: stepKeyboard(step, state, lang) };
}

/** A files step's answer as the summary shows it: its own `showFiles`, or how many. */
function shownFiles(step: WizardStep, files: readonly WizardFile[], lang: Lang): string {
  return step.showFiles?.(files, lang) ?? t(lang, 'wizard.media.shown', { count: files.length });
}

function keptLine(step: WizardStep, kept: Answer | undefined, lang: Lang, state: WizardState): string[] {
  if (step.files) {
    const count = filesOf(state.data[step.field]).length;
    return count > 0 ? [t(lang, 'wizard.media.count', { count, max: step.files.max })] : [];
  }
  return kept !== undefined
    ? [t(lang, 'wizard.current', { value: shownAnswer(step, kept, lang, state) })]
    : [];
}

function stepKeyboard(step: WizardStep, state: WizardState, lang: Lang): InlineKeyboardMarkup {
  const question = { run: state.run ?? '', step: state.step, canGoBack: canGoBack(state) };
  if (step.files) {
    const count = filesOf(state.data[step.field]).length;
    return wizardFilesKeyboard(lang, { ...question, count, canFinish: count >= step.files.min });
  }
  return wizardStepKeyboard(lang, {
    ...question,
    choices: choicesAt(step, state).map((choice) => say(choice.label, lang, state.context ?? {})),
    skippable: step.optional === true,
  });
}

/**
 * The summary: the answers (the definition's summary, or `label: answer` lines), ✏️ each field,
 * ✅ Confirm; first a hint to tap (text was sent), or why the flow refused the last Confirm.
 */
export function summaryReply(
  definition: WizardDefinition,
  state: WizardState,
  lang: Lang,
  hint = false,
  error?: WizardText,
): Outgoing {
  const context = state.context ?? {};
  const answers = answersOf(state);
  const body =
    definition.summary?.(answers, lang, context) ??
    definition.steps
      .map((step) => {
        const value = answers[step.field];
        const files = step.files ? filesOf(state.data[step.field]) : undefined;
        const shown = files
          ? shownFiles(step, files, lang)
          : value === undefined
            ? t(lang, 'wizard.summary.none')
            : shownAnswer(step, value, lang, state);
        return `${say(step.label, lang, context)}: ${shown}`;
      })
      .join('\n');
  return {
    kind: 'message',
    text: [
      ...(hint ? [t(lang, 'wizard.summary.hint'), ''] : []),
      ...(error ? [say(error, lang, context), ''] : []),
      t(lang, 'wizard.summary'),
      body,
    ].join('\n'),
    markup: wizardSummaryKeyboard(lang, {
      run: state.run ?? '',
      step: definition.steps.length,
      fields: definition.steps.map((step) => say(step.label, lang, context)),
    }),
  };
}
