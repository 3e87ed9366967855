import { t, type CATALOG, type Lang, type Placeholders, type TextKey } from '@fieldgram/bot-ui';
import type { User } from '@fieldgram/contracts';
import type { Outgoing } from '../core/outgoing.js';
import type { Turn } from '../handlers/turn.js';

/** An answer as it is kept in the session (JSON). */
export type Answer = string | number | boolean;
export type Answers = Record<string, Answer>;
/** What a wizard was started about (a task's id, a waybill's number), kept beside the answers. */
export type WizardContext = Record<string, string | number>;

/** A catalog key whose text has no `{placeholder}`: it reads the same wherever it is shown. */
export type PlainTextKey = {
  [K in TextKey]: [Placeholders<(typeof CATALOG.en)[K]>] extends [never] ? K : never;
}[TextKey];

/**
 * A text the wizard shows: a catalog key, or a function of the language and the wizard's
 * context for a text made of values ("Why are you rejecting task #{number}?").
 */
export type WizardText = PlainTextKey | ((lang: Lang, context: WizardContext) => string);

/** A typed answer read: its value, or the text that says what is expected, with an example. */
export type Parsed = { ok: true; value: Answer } | { ok: false; error: WizardText };

export interface WizardChoice {
  /** What is kept as the answer. */
  value: string;
  label: WizardText;
}

export interface WizardStep {
  /** The answer's name among the answers (unique in the wizard). */
  field: string;
  question: WizardText;
  /** The field's name in the summary and on its ✏️ button. */
  label: WizardText;
  /** Reads a typed answer (else says e.g. "Weight in kg, e.g. 12.5"); without it, only choices answer. */
  parse?: (text: string) => Parsed;
  /** One-tap answers, as inline buttons. */
  choices?: readonly WizardChoice[];
  /** May be left empty: ⏭ Skip. */
  optional?: boolean;
  /** The answer as the summary shows it; by default as kept (a choice: its label). */
  show?: (value: Answer, lang: Lang) => string;
}

/** What Confirm hands to the flow. */
export interface ConfirmedWizard {
  answers: Answers;
  context: WizardContext;
}

/**
 * A form, declared as data (DESIGN §5, S1-08): its steps in order, a summary, and what Confirm
 * does. The mechanism (`machine.ts`, `wizard-turns.ts`) shows "Step n/N", Back and Cancel,
 * re-asks an invalid answer with its example, ends with the summary (one-tap edit of each field,
 * Confirm), keeps its state in the chat's session, and reports a wizard left unfinished.
 */
export interface WizardDefinition {
  /** A short lower-case name (`waybill`), unique among the flows. */
  id: string;
  /** Raise it when the steps change: state saved under another version is discarded politely. */
  version: number;
  steps: readonly WizardStep[];
  /** The summary's body; by default one `label: answer` line a step. */
  summary?: (answers: Answers, lang: Lang, context: WizardContext) => string;
  /** Confirm: the flow's use-case (through its port). The wizard is over by then, whatever it says. */
  finish(
    turn: Turn<'tg.in.message' | 'tg.in.callback'>,
    user: User,
    confirmed: ConfirmedWizard,
  ): Promise<Outgoing[]>;
}

export class WizardDefinitionError extends Error {
  override readonly name = 'WizardDefinitionError';
}

/** Lower-case like a callback name, so logs and reports read alike. */
const ID = /^[a-z][a-z0-9-]{0,30}$/;
/** A step index goes into the buttons' data (`<step>.<n>`, three digits each). */
const MAX_STEPS = 99;
const MAX_CHOICES = 99;

/** Refuses at startup a definition the mechanism could not run. */
export function validateWizard(definition: WizardDefinition): void {
  const fail = (why: string) => {
    throw new WizardDefinitionError(`wizard "${definition.id}": ${why}`);
  };
  if (!ID.test(definition.id)) fail('its id is not a short lower-case name');
  if (!Number.isInteger(definition.version) || definition.version < 1)
    fail('its version is not a positive integer');
  if (definition.steps.length === 0 || definition.steps.length > MAX_STEPS)
    fail(`it needs 1 to ${MAX_STEPS} steps`);
  const fields = new Set<string>();
  for (const step of definition.steps) {
    if (fields.has(step.field)) fail(`the field "${step.field}" is asked twice`);
    fields.add(step.field);
    if (!step.parse && !step.choices?.length)
      fail(`the step "${step.field}" has neither a parser nor choices`);
    if ((step.choices?.length ?? 0) > MAX_CHOICES)
      fail(`the step "${step.field}" has over ${MAX_CHOICES} choices`);
  }
}

/** A wizard text in a language. */
export function say(text: WizardText, lang: Lang, context: WizardContext): string {
  return typeof text === 'function' ? text(lang, context) : t(lang, text);
}
