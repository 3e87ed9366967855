import { textOf, type ChatSession } from '@fieldgram/telegram-sandbox';
import { SAMPLE_WAYBILL, newWaybill } from '../../e2e/support/logistics-stories.js';
import type { SideLabel } from '../load/side.js';
import type { ArrivalClock } from './arrival-clock.js';
import { documentsReceived, lastSeqOf } from './chat-reading.js';
import { confirmTogether } from './confirm-together.js';

/** One side's round: every client fills in "New waybill" to its summary, then all confirm at once. */
export interface WaybillRound {
  side: SideLabel;
  clients: number;
  /** Confirm pressed → the PDF document recorded in the chat, per client that got one (ms). */
  pdfMs: number[];
  /** Confirm pressed → the bot's "created" message (ms). */
  createdMs: number[];
  /** The first Confirm → the last PDF (ms). */
  totalMs: number;
  /** The first client's first tap → every client at the summary (ms). */
  fillInMs: number;
  /** Clients whose chat got exactly one PDF, none, and the PDFs beyond the first. */
  delivered: number;
  missing: number;
  doubled: number;
  /** PDFs whose file is not named after the number the bot said was created. */
  foreign: number;
  /** Chats where the PDF came before the "created" message. */
  pdfFirst: number;
  /** Each client's waybill number (from "created"), '' where there was none. */
  numbers: string[];
  /** The first client's chat from Confirm on: each Bot API call and when it came after Confirm (ms). */
  firstChat: { method: string; ms: number }[];
  /** The first few clients' failures (a reply that never came). */
  failures: string[];
  settle: { ms: number; quiet: boolean };
}

const WAYBILL_NUMBER = /WB-\d{4}-\d{6,}/;

/**
 * A round on one side (`chats`: each client's chat with that side's bot). Confirm → PDF is timed
 * with the sandbox's onChatEvent (ArrivalClock); after the last story ends the side settles, then
 * each chat's documents since the round began are counted.
 */
export async function waybillRound(
  side: SideLabel,
  chats: readonly ChatSession[],
  clock: ArrivalClock,
  options: { spreadMs: number; settle: () => Promise<{ ms: number; quiet: boolean }> },
): Promise<WaybillRound> {
  const before = chats.map(lastSeqOf);
  const startedAt = performance.now();
  let allAtSummary = Number.NaN;
  const outcomes = await confirmTogether(
    chats.length,
    (i, beforeConfirm) => newWaybill(chats[i]!, SAMPLE_WAYBILL, { beforeConfirm }),
    {
      spreadMs: options.spreadMs,
      release: () => {
        allAtSummary = performance.now();
      },
    },
  );
  const settle = await options.settle();

  const round: WaybillRound = {
    side,
    clients: chats.length,
    pdfMs: [],
    createdMs: [],
    totalMs: Number.NaN,
    fillInMs: allAtSummary - startedAt,
    delivered: 0,
    missing: 0,
    doubled: 0,
    foreign: 0,
    pdfFirst: 0,
    numbers: [],
    firstChat: [],
    failures: [],
    settle,
  };
  let firstConfirm = Number.POSITIVE_INFINITY;
  let lastPdf = Number.NEGATIVE_INFINITY;
  for (const [i, chat] of chats.entries()) {
    const outcome = outcomes[i]!;
    if (!outcome.ok && round.failures.length < 5) round.failures.push(describe(chat, outcome.error));
    const documents = documentsReceived(chat, before[i]);
    const created = chat
      .botMessages()
      .find(
        (event) => event.seq > before[i]! && !event.message?.document && WAYBILL_NUMBER.test(textOf(event)),
      );
    const number = WAYBILL_NUMBER.exec(textOf(created))?.[0] ?? '';
    round.numbers.push(number);
    if (documents.length === 0) round.missing += 1;
    else round.delivered += 1;
    round.doubled += Math.max(0, documents.length - 1);
    const pdf = documents[0];
    if (pdf && pdf.message?.document?.file_name !== `${number}.pdf`) round.foreign += 1;
    if (pdf && created && pdf.seq < created.seq) round.pdfFirst += 1;
    const confirmedAt = outcome.confirmedAt ?? Number.NaN;
    if (!Number.isFinite(confirmedAt)) continue;
    firstConfirm = Math.min(firstConfirm, confirmedAt);
    if (pdf) {
      round.pdfMs.push(clock.arrivalOf(pdf) - confirmedAt);
      lastPdf = Math.max(lastPdf, clock.arrivalOf(pdf));
    }
    if (created) round.createdMs.push(clock.arrivalOf(created) - confirmedAt);
  }
  round.totalMs = lastPdf - firstConfirm;
  const [first] = chats;
  const firstConfirmedAt = outcomes[0]?.confirmedAt;
  if (first && firstConfirmedAt !== undefined)
    round.firstChat = first.sandbox
      .chatLog(first.botToken, first.user.id)
      .filter((event) => event.kind !== 'user_message' && clock.arrivalOf(event) >= firstConfirmedAt)
      .map((event) => ({ method: event.method, ms: Math.round(clock.arrivalOf(event) - firstConfirmedAt) }));
  return round;
}

function describe(chat: ChatSession, error: unknown): string {
  return `${chat.user.firstName}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}
