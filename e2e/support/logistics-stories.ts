import { menuLabel, t, type Lang } from '@fieldgram/bot-ui';
import { buttonsOf, labelsOf, textOf, type ChatEvent, type ChatSession } from '@fieldgram/telegram-sandbox';

/** What a client types into the "New waybill" form (S1-02), as a person would type it. */
export interface WaybillAnswers {
  cargo: string;
  weight: string;
  size: string;
  pickup: string;
  delivery: string;
  /** The payment button's label, as the bot shows it (`Card`). */
  payment: string;
}

export const SAMPLE_WAYBILL: WaybillAnswers = {
  cargo: '2 boxes of books',
  weight: '12,5',
  size: '120 × 80 × 60 см',
  pickup: 'Moscow, 5 Lenina St, office 12',
  delivery: 'Kazan, 10 Baumana St, 3',
  payment: 'Card',
};

/** The number a "created" answer names (`WB-2026-000123`, `CL-2026-000045`). */
export function numberIn(text: string, prefix: 'WB' | 'CL'): string {
  const found = new RegExp(`${prefix}-\\d{4}-\\d{6,}`).exec(text)?.[0];
  if (!found) throw new Error(`no ${prefix} number in ${JSON.stringify(text)}`);
  return found;
}

/**
 * A client makes a waybill through the bot, from the menu tap to its PDF (S1-02, S1-08): six
 * answers (one of them the payment tap), the summary, Confirm; then the bot's "created" and the
 * PDF document. `beforeConfirm` runs with the summary on screen (a bench confirms many at once).
 */
export async function newWaybill(
  client: ChatSession,
  answers: WaybillAnswers = SAMPLE_WAYBILL,
  options: { lang?: Lang; beforeConfirm?: (summary: ChatEvent) => Promise<void> } = {},
): Promise<{ number: string; created: ChatEvent; pdf: ChatEvent; summary: ChatEvent }> {
  const lang = options.lang ?? 'en';
  await client.tapMenu(menuLabel('newWaybill', lang));
  for (const answer of [answers.cargo, answers.weight, answers.size, answers.pickup])
    await client.type(answer);
  const payment = await client.type(answers.delivery);
  await client.tap(payment, answers.payment);
  const summary = await client.reply();
  await options.beforeConfirm?.(summary);
  await client.tap(summary, t(lang, 'wizard.confirm'));
  const [created, pdf] = await client.replies(2);
  return { number: numberIn(textOf(created), 'WB'), created: created!, pdf: pdf!, summary };
}

/** What a client gives the "New claim" form (S1-03). */
export interface ClaimAnswers {
  /** A waybill button's number, or a typed number (one made outside the bot). */
  waybill: { pick: string } | { type: string };
  email: string;
  description: string;
  amount: string;
  /** Photos sent as one album (0 = none). */
  photos: number;
}

/**
 * A client files a claim through the bot (S1-03, S1-08): the waybill (a button or typed), e-mail,
 * description, amount, an album of photos, Done, Confirm; the bot's "filed" answer.
 */
export async function newClaim(
  client: ChatSession,
  answers: ClaimAnswers,
  options: { lang?: Lang; beforeConfirm?: (summary: ChatEvent) => Promise<void> } = {},
): Promise<{ number: string; filed: ChatEvent }> {
  const lang = options.lang ?? 'en';
  const waybillStep = await client.tapMenu(menuLabel('fileClaim', lang));
  if ('pick' in answers.waybill) {
    const { pick } = answers.waybill;
    const label = labelsOf(waybillStep).find((candidate) => candidate.startsWith(pick));
    if (!label) throw new Error(`no waybill button ${pick}: ${JSON.stringify(labelsOf(waybillStep))}`);
    await client.tap(waybillStep, label);
    await client.reply();
  } else {
    await client.type(answers.waybill.type);
  }
  await client.type(answers.email);
  await client.type(answers.description);
  let files = await client.type(answers.amount);
  if (answers.photos > 0)
    files = await client.sendAlbum(
      Array.from({ length: answers.photos }, () => ({ kind: 'photo' as const })),
    );
  await client.tap(files, t(lang, 'wizard.done'));
  const summary = await client.reply();
  await options.beforeConfirm?.(summary);
  await client.tap(summary, t(lang, 'wizard.confirm'));
  const filed = await client.reply();
  return { number: numberIn(textOf(filed), 'CL'), filed };
}

export type Decision = 'review' | 'resolve' | 'reject';

/** A page of the manager's claims list: it has the status filter buttons. */
export function isClaimList(message: ChatEvent): boolean {
  return buttonsOf(message).some((button) => button.data.startsWith('cl:filter:'));
}

/**
 * A manager opens a claim from "📑 Claims" (its button on the first page, newest first) and
 * decides with a comment (S1-06). Returns the bot's confirmation; the files the card resends and
 * pushes in between are read past.
 */
export async function decideClaim(
  manager: ChatSession,
  number: string,
  decision: Decision,
  comment: string,
  options: { lang?: Lang } = {},
): Promise<ChatEvent> {
  const card = await openClaim(manager, number, options);
  return decideOnCard(manager, card, number, decision, comment, options);
}

/** A manager opens a claim from "📑 Claims" (its button on the first page, newest first): its card. */
export async function openClaim(
  manager: ChatSession,
  number: string,
  options: { lang?: Lang } = {},
): Promise<ChatEvent> {
  const lang = options.lang ?? 'en';
  // Pushes about other claims may come in between: each answer is picked out by what it shows.
  const list = await manager.tapMenu(menuLabel('claims', lang), isClaimList);
  const button = labelsOf(list).find((label) => label.startsWith(number));
  if (!button) throw new Error(`${number} is not on the first page: ${JSON.stringify(labelsOf(list))}`);
  await manager.tap(list, button);
  return manager.replyMatching((m) => labelsOf(m).includes(t(lang, 'claim.button.list')), 'claim card');
}

/** On an open claim's card, the manager decides with a comment (S1-06): the bot's confirmation. */
export async function decideOnCard(
  manager: ChatSession,
  card: ChatEvent,
  number: string,
  decision: Decision,
  comment: string,
  options: { lang?: Lang } = {},
): Promise<ChatEvent> {
  const lang = options.lang ?? 'en';
  await manager.tap(card, t(lang, `claim.button.${decision}`));
  await manager.replyMatching(
    (m) => labelsOf(m).includes(t(lang, 'claim.button.cancel')),
    'comment question',
  );
  return manager.type(comment, (m) => textOf(m).includes(number) && !m.message?.photo);
}
