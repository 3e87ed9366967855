import { t, type CATALOG, type Lang, type Placeholders, type TextKey } from '@fieldgram/bot-ui';
import type { DataOf, Messages, User } from '@fieldgram/contracts';
import type { Outgoing } from '../core/outgoing.js';
import type { Turn } from '../handlers/turn.js';

/** A file a person sent (bot-gateway's `tg.in.media` file: Telegram's file_id, kind, name, size). */
export type WizardFile = DataOf<Messages, 'tg.in.media'>['files'][number];
export type FileKind = WizardFile['kind'];

/** An answer as it is kept in the session (JSON); a files step's are its files (`FilesAnswers`). */
export type Answer = string | number | boolean;
export type Answers = Record<string, Answer>;
/** The files steps' answers, by field. */
export type FilesAnswers = Record<string, WizardFile[]>;
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

/**
 * A choice known only when the form starts (the organization's payment methods, the client's
 * latest waybills): the flow gives them to `startWizard`, and they are kept with the answers, so
 * a button pressed after a restart still means what it showed. Its label in each language, or
 * one text for all (a number).
 */
export interface GivenChoice {
  value: string;
  label: string | Readonly<Record<Lang, string>>;
}
/** The given choices, by the field of the step they answer. */
export type GivenChoices = Record<string, readonly GivenChoice[]>;

/**
 * A step answered with files (photos, albums, documents) instead of text: those of the allowed
 * kinds up to `maxBytes` each are attached, `max` at most, and ✅ Done ends the step once there
 * are `min`. An album (one `tg.in.media` event from bot-gateway) is taken at once.
 */
export interface FilesRule {
  kinds: readonly FileKind[];
  min: number;
  max: number;
  /** Telegram hands a bot files up to 20 MB. */
  maxBytes: number;
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
  /** Its buttons are given when the wizard starts (`GivenChoice`), after any `choices`. */
  givenChoices?: boolean;
  /** Answered with files, not text (then it has no parser and no choices). */
  files?: FilesRule;
  /** May be left empty: ⏭ Skip. */
  optional?: boolean;
  /** The answer as the summary shows it; by default as kept (a choice: its label). */
  show?: (value: Answer, lang: Lang) => string;
  /** A files step's answer as the summary shows it; by default how many are attached. */
  showFiles?: (files: readonly WizardFile[], lang: Lang) => string;
}

/** What Confirm hands to the flow. */
export interface ConfirmedWizard {
  answers: Answers;
  context: WizardContext;
  /** The files steps' files (only for a wizard that has one). */
  files?: FilesAnswers;
}

/** The confirmed filling-in, for the flow's use-case. */
export interface ConfirmedRun {
  /** Names this filling-in: a repeated Confirm (a redelivered press) carries the same, for idempotency. */
  id: string;
  /**
   * The use-case refused something one answer can fix (a waybill not the client's): the wizard
   * comes back at that field (or, without one, at the summary) with `error` first, nothing lost;
   * its reply is what to send.
   */
  reask(field: string | undefined, error: WizardText): Outgoing[];
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
  /**
   * Confirm: the flow's use-case (through its port). The wizard is over by then, unless it asks
   * for an answer again (`run.reask`).
   */
  finish(
    turn: Turn<'tg.in.message' | 'tg.in.callback' | 'tg.in.media'>,
    user: User,
    confirmed: ConfirmedWizard,
    run: ConfirmedRun,
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
  const fail = (why: string): never => {
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
    if (step.files) validateFiles(step, fail);
    else if (!step.parse && !step.choices?.length && !step.givenChoices)
      fail(`the step "${step.field}" has neither a parser nor choices`);
    if ((step.choices?.length ?? 0) > MAX_CHOICES)
      fail(`the step "${step.field}" has over ${MAX_CHOICES} choices`);
  }
}

function validateFiles(step: WizardStep, fail: (why: string) => never): void {
  const rule = step.files!;
  if (step.parse || step.choices?.length || step.givenChoices)
    fail(`the files step "${step.field}" also has a parser or choices`);
  if (
    !Number.isInteger(rule.min) ||
    !Number.isInteger(rule.max) ||
    rule.min < 0 ||
    rule.max < Math.max(1, rule.min)
  )
    fail(`the files step "${step.field}" needs 0 ≤ min ≤ max, max ≥ 1`);
  if (rule.kinds.length === 0 || !(rule.maxBytes > 0))
    fail(`the files step "${step.field}" needs file kinds and a size limit`);
}

/** A wizard text in a language. */
export function say(text: WizardText, lang: Lang, context: WizardContext): string {
  return typeof text === 'function' ? text(lang, context) : t(lang, text);
}
