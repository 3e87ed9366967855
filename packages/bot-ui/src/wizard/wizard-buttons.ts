import { callbackNamespace } from '../callback/callback-codec.js';
import { callbackButton, chunk, inlineKeyboard } from '../keyboards/inline.js';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from '../keyboards/markup.js';
import { t } from '../text/catalog.js';
import type { Lang } from '../text/lang.js';

/**
 * The wizard mechanism's buttons (DESIGN §5): `wz:<action>:<run>:<step>[.<n>]`. `run` names one
 * filling-in of a form (a press from another run, or another chat, is stale); `step` is where the
 * button was shown (0-based; the step count for the summary), so a button of a step the wizard
 * has moved on from is stale too; `n` is the choice picked or the field to edit. A files step has
 * ✅ Done (the files so far are the answer) and 🗑 Remove all.
 */
export const WIZARD_BUTTONS = callbackNamespace('wz', [
  'pick',
  'skip',
  'back',
  'cancel',
  'edit',
  'confirm',
  'done',
  'clear',
]);
export type WizardButtonAction = 'pick' | 'skip' | 'back' | 'cancel' | 'edit' | 'confirm' | 'done' | 'clear';

/** A decoded wizard button. */
export interface WizardPress {
  action: WizardButtonAction;
  run: string;
  step: number;
  /** The choice (`pick`) or the field (`edit`). */
  index?: number;
}

const ARG = /^(\d{1,3})(?:\.(\d{1,3}))?$/;

/** The wizard button `raw` is, if it is one; anything malformed is undefined. */
export function readWizardPress(raw: unknown): WizardPress | undefined {
  const press = WIZARD_BUTTONS.parse(raw);
  const arg = press?.arg === undefined ? undefined : ARG.exec(press.arg);
  if (!press || !arg) return undefined;
  const index = arg[2] === undefined ? undefined : Number(arg[2]);
  const needsIndex = press.action === 'pick' || press.action === 'edit';
  if (needsIndex !== (index !== undefined)) return undefined;
  return {
    action: press.action,
    run: press.id,
    step: Number(arg[1]),
    ...(index !== undefined ? { index } : {}),
  };
}

const button = (text: string, action: WizardButtonAction, run: string, step: number, index?: number) =>
  callbackButton(text, WIZARD_BUTTONS.encode(action, run, index === undefined ? step : `${step}.${index}`));

/** ⬅️ Back (when there is somewhere to go back to) and ✖️ Cancel, under every question and the summary. */
function controls(lang: Lang, run: string, step: number, canGoBack: boolean): InlineKeyboardButton[] {
  return [
    ...(canGoBack ? [button(t(lang, 'wizard.back'), 'back', run, step)] : []),
    button(t(lang, 'wizard.cancel'), 'cancel', run, step),
  ];
}

/** A question's buttons: its choices (two to a row), ⏭ Skip if it may be left empty, Back, Cancel. */
export function wizardStepKeyboard(
  lang: Lang,
  question: { run: string; step: number; choices: readonly string[]; skippable: boolean; canGoBack: boolean },
): InlineKeyboardMarkup {
  const { run, step } = question;
  const choices = question.choices.map((label, index) => button(label, 'pick', run, step, index));
  return inlineKeyboard([
    ...chunk(choices, 2),
    question.skippable ? [button(t(lang, 'wizard.skip'), 'skip', run, step)] : [],
    controls(lang, run, step, question.canGoBack),
  ]);
}

/** The summary's buttons: ✏️ one per field (two to a row), ✅ Confirm, Back, Cancel. */
export function wizardSummaryKeyboard(
  lang: Lang,
  summary: { run: string; step: number; fields: readonly string[] },
): InlineKeyboardMarkup {
  const { run, step } = summary;
  const edits = summary.fields.map((field, index) =>
    button(t(lang, 'wizard.edit', { field }), 'edit', run, step, index),
  );
  return inlineKeyboard([
    ...chunk(edits, 2),
    [button(t(lang, 'wizard.confirm'), 'confirm', run, step)],
    controls(lang, run, step, true),
  ]);
}

/** A files step's buttons: ✅ Done (once enough are attached), 🗑 Remove all (once there are some), Back, Cancel. */
export function wizardFilesKeyboard(
  lang: Lang,
  files: { run: string; step: number; count: number; canFinish: boolean; canGoBack: boolean },
): InlineKeyboardMarkup {
  const { run, step } = files;
  return inlineKeyboard([
    files.canFinish ? [button(t(lang, 'wizard.done'), 'done', run, step)] : [],
    files.count > 0 ? [button(t(lang, 'wizard.clear'), 'clear', run, step)] : [],
    controls(lang, run, step, files.canGoBack),
  ]);
}
