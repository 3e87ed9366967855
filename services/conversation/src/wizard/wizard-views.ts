import { t, wizardStepKeyboard, wizardSummaryKeyboard, type Lang } from '@fieldgram/bot-ui';
import type { Outgoing } from '../core/outgoing.js';
import type { WizardState } from '../session/session-store.js';
import {
  say,
  type Answer,
  type WizardContext,
  type WizardDefinition,
  type WizardStep,
  type WizardText,
} from './definition.js';
import { answersOf, canGoBack } from './machine.js';

/** An answer as the summary shows it: the step's own `show`, a choice's label, or as kept. */
export function shownAnswer(step: WizardStep, value: Answer, lang: Lang, context: WizardContext): string {
  if (step.show) return step.show(value, lang);
  const choice = step.choices?.find((c) => c.value === value);
  return choice ? say(choice.label, lang, context) : String(value);
}

/** A step's question: "Step n/N", the question, the answer kept so far; after an invalid answer, why first. */
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
    ...(kept !== undefined
      ? [t(lang, 'wizard.current', { value: shownAnswer(step, kept, lang, context) })]
      : []),
  ];
  return {
    kind: 'message',
    text: lines.join('\n'),
    markup: wizardStepKeyboard(lang, {
      run: state.run ?? '',
      step: state.step,
      choices: (step.choices ?? []).map((choice) => say(choice.label, lang, context)),
      skippable: step.optional === true,
      canGoBack: canGoBack(state),
    }),
  };
}

/** The summary: the answers (the definition's summary, or `label: answer` lines), ✏️ each field, ✅ Confirm. */
export function summaryReply(
  definition: WizardDefinition,
  state: WizardState,
  lang: Lang,
  hint = false,
): Outgoing {
  const context = state.context ?? {};
  const answers = answersOf(state);
  const body =
    definition.summary?.(answers, lang, context) ??
    definition.steps
      .map((step) => {
        const value = answers[step.field];
        const shown =
          value === undefined ? t(lang, 'wizard.summary.none') : shownAnswer(step, value, lang, context);
        return `${say(step.label, lang, context)}: ${shown}`;
      })
      .join('\n');
  return {
    kind: 'message',
    text: [...(hint ? [t(lang, 'wizard.summary.hint'), ''] : []), t(lang, 'wizard.summary'), body].join('\n'),
    markup: wizardSummaryKeyboard(lang, {
      run: state.run ?? '',
      step: definition.steps.length,
      fields: definition.steps.map((step) => say(step.label, lang, context)),
    }),
  };
}
