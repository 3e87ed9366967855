// The logistics chaos run judged: what the people saw confirmed against what the services
// recorded and what the chats show — each thing exactly once, numbers without gaps.
import { yearlyNumber } from '@fieldgram/platform';
import type { ChatSession } from '@fieldgram/telegram-sandbox';
import {
  judgeClaimPushes,
  mergePushVerdicts,
  readClaimPushes,
  type ClaimPush,
  type PushVerdict,
} from './claim-pushes.js';
import type { ClaimRow, LogisticsEffects, NumberedRow } from './logistics-chaos-effects.js';
import type { ClaimConfirmed, Confirmed, LogisticsLedger } from './logistics-chaos-load.js';
import type { CastClient } from './logistics-chaos-cast.js';

/** A manager as the judges read them: who they are and their chat. */
type Manager = { user: { id: string }; chat: ChatSession };

/** Expected against found, each expected thing counted: none is lost, more than one is doubled. */
export interface Tally {
  expected: number;
  found: number;
  lost: number;
  doubled: number;
}

export interface Judged {
  tally: Tally;
  /** Every mismatch in words, e.g. `WB-2026-000012: expected 1 PDF, found 2`. */
  problems: string[];
}

function judged(): Judged {
  return { tally: { expected: 0, found: 0, lost: 0, doubled: 0 }, problems: [] };
}

function count(into: Judged, what: string, expected: number, found: number): void {
  into.tally.expected += expected;
  into.tally.found += found;
  into.tally.lost += Math.max(0, expected - found);
  into.tally.doubled += Math.max(0, found - expected);
  if (found !== expected) into.problems.push(`${what}: expected ${expected}, found ${found}`);
}

/** `<prefix>-<year>-<seq>` as the row's year and seq say, and each year's seqs 1, 2, 3 … without a gap. */
export function numberingProblems(prefix: 'WB' | 'CL', rows: readonly NumberedRow[]): string[] {
  const problems: string[] = [];
  const byYear = new Map<number, number[]>();
  for (const row of rows) {
    if (row.number !== yearlyNumber(prefix, row.year, row.seq, 6))
      problems.push(`${row.number} is not ${prefix} ${row.year}/${row.seq}`);
    byYear.set(row.year, [...(byYear.get(row.year) ?? []), row.seq]);
  }
  for (const [year, seqs] of byYear) {
    const sorted = [...seqs].sort((a, b) => a - b);
    for (const [i, seq] of sorted.entries())
      if (seq !== i + 1) {
        problems.push(`${prefix} ${year}: the ${i + 1}th number is ${seq} (numbers ${sorted.join(',')})`);
        break;
      }
  }
  return problems;
}

/**
 * Each confirmed number exists once, as its client's; each request made one row; every row is one
 * a client saw confirmed (a row nobody was told of is a double of one they were, or work lost).
 */
export function judgeRecords(
  what: string,
  confirmed: readonly Confirmed[],
  rows: readonly NumberedRow[],
): Judged {
  const verdict = judged();
  for (const made of confirmed) {
    const found = rows.filter((row) => row.number === made.number);
    count(verdict, `${what} ${made.number} of ${made.client.chat.user.firstName}`, 1, found.length);
    for (const row of found)
      if (row.clientId !== made.client.userId)
        verdict.problems.push(`${what} ${made.number} belongs to ${row.clientId}, not its client`);
  }
  const told = new Set(confirmed.map((made) => made.number));
  for (const row of rows)
    if (!told.has(row.number))
      verdict.problems.push(
        `${what} ${row.number} (request ${row.requestId}) was never confirmed to its client`,
      );
  const requests = new Map<string, number>();
  for (const row of rows)
    requests.set(
      `${row.clientId}|${row.requestId}`,
      (requests.get(`${row.clientId}|${row.requestId}`) ?? 0) + 1,
    );
  for (const [request, n] of requests)
    if (n > 1) verdict.problems.push(`${what}: request ${request} made ${n}`);
  return verdict;
}

/** Every client's chat holds exactly one PDF document per waybill confirmed to them, `<number>.pdf`. */
export function judgePdfs(
  clients: readonly CastClient[],
  waybills: readonly Confirmed[],
): Judged & { documents: number } {
  const verdict = judged();
  let documents = 0;
  for (const client of clients) {
    const sent = client.chat
      .botMessages()
      .filter((event) => event.method === 'sendDocument')
      .map((event) => event.message?.document?.file_name ?? '?');
    documents += sent.length;
    const expected = waybills.filter((made) => made.client === client).map((made) => `${made.number}.pdf`);
    for (const name of expected)
      count(verdict, `${client.chat.user.firstName}'s PDF ${name}`, 1, sent.filter((n) => n === name).length);
    for (const name of sent)
      if (!expected.includes(name))
        verdict.problems.push(`${client.chat.user.firstName} got ${name}, not theirs`);
  }
  return { ...verdict, documents };
}

const CLAIM_NUMBER = /CL-\d{4}-\d{6,}/;

/** Each waybill's manager was told of it once in Telegram (a text naming it and no claim). */
export function judgeWaybillPushes(managers: readonly Manager[], waybills: readonly Confirmed[]): Judged {
  const verdict = judged();
  for (const manager of managers) {
    const texts = manager.chat
      .botMessages()
      .map((event) => event.message?.text ?? '')
      .filter((text) => !CLAIM_NUMBER.test(text));
    for (const made of waybills.filter((w) => w.client.managerId === manager.user.id))
      count(
        verdict,
        `${manager.chat.user.firstName}: push of ${made.number}`,
        1,
        texts.filter((text) => text.includes(made.number)).length,
      );
  }
  return verdict;
}

/** Each claim's row holds the photos its client sent, every one copied into object storage. */
export function judgeFiles(claims: readonly ClaimConfirmed[], rows: readonly ClaimRow[]): Judged {
  const verdict = judged();
  for (const claim of claims) {
    const row = rows.find((candidate) => candidate.number === claim.number);
    if (!row) continue; // judged lost by judgeRecords
    if (row.files !== claim.photos)
      verdict.problems.push(`${claim.number}: ${row.files} files kept, ${claim.photos} photos sent`);
    count(verdict, `${claim.number}: files copied`, row.files, row.copied);
  }
  return verdict;
}

/** The claim pushes a manager's chat holds, judged: each once, whole, and in filing order. */
export interface ClaimPushJudged {
  /** Texts and albums each once (judgeClaimPushes), its number-order finding left out (see below). */
  counts: PushVerdict;
  /**
   * Pushes that came out of the claims' number order. Claims filed at the same time (a burst
   * after claims restarts) may come in either order: the notification service handles events
   * concurrently. Reported, not judged; `order` is.
   */
  outOfNumberOrder: number;
  /** A claim filed before another was confirmed yet pushed after it, or its album before its text. */
  order: string[];
}

/** judgeClaimPushes' line for the first push out of number order. */
const NUMBER_ORDER = /: push \d+ is .*, expected /;

export function judgeManagersClaimPushes(
  managers: readonly Manager[],
  claims: readonly ClaimConfirmed[],
): ClaimPushJudged {
  const order: string[] = [];
  const verdicts = managers.map((manager) => {
    const name = manager.chat.user.firstName;
    const filed = claims.filter((claim) => claim.client.managerId === manager.user.id);
    const pushes = readClaimPushes(manager.chat.botMessages(), filed);
    order.push(...filingOrderProblems(name, filed, pushes));
    return judgeClaimPushes(name, filed, pushes);
  });
  const merged = mergePushVerdicts(verdicts);
  return {
    counts: { ...merged, problems: merged.problems.filter((problem) => !NUMBER_ORDER.test(problem)) },
    outOfNumberOrder: merged.outOfOrder,
    order,
  };
}

/**
 * Filing order in real time: a claim its client saw filed before another client tapped Confirm
 * is pushed whole (text, then album) before the other's first push.
 */
export function filingOrderProblems(
  manager: string,
  filed: readonly ClaimConfirmed[],
  pushes: readonly ClaimPush[],
): string[] {
  const problems: string[] = [];
  const span = new Map<string, { first: number; last: number }>();
  for (const claim of filed) {
    const own = pushes.filter((push) => push.number === claim.number);
    const seqs = own.flatMap((push) => push.events.map((event) => event.seq));
    if (seqs.length > 0) span.set(claim.number, { first: Math.min(...seqs), last: Math.max(...seqs) });
    const text = own.find((push) => push.kind === 'text');
    const album = own.find((push) => push.kind === 'album');
    if (text && album && album.events[0]!.seq < text.events[0].seq)
      problems.push(`${manager}: the album of ${claim.number} came before its text`);
  }
  for (const earlier of filed)
    for (const later of filed) {
      const [a, b] = [span.get(earlier.number), span.get(later.number)];
      if (earlier.answeredAt < later.confirmedAt && a && b && a.last > b.first)
        problems.push(
          `${manager}: ${earlier.number} was filed before ${later.number} was confirmed, yet pushed after it`,
        );
    }
  return problems;
}

export interface Counted {
  waybills: Judged;
  pdfs: Judged & { documents: number };
  waybillPushes: Judged;
  claims: Judged;
  files: Judged;
  claimPushes: ClaimPushJudged;
}

/** The run judged in full: what the people were told against the rows, the chats and the pushes. */
export function countEffects(
  managers: readonly Manager[],
  clients: readonly CastClient[],
  ledger: LogisticsLedger,
  effects: LogisticsEffects,
): Counted {
  return {
    waybills: judgeRecords('waybill', ledger.waybills, effects.waybills),
    pdfs: judgePdfs(clients, ledger.waybills),
    waybillPushes: judgeWaybillPushes(managers, ledger.waybills),
    claims: judgeRecords('claim', ledger.claims, effects.claims),
    files: judgeFiles(ledger.claims, effects.claims),
    claimPushes: judgeManagersClaimPushes(managers, ledger.claims),
  };
}

/** Every PDF in its client's chat and every manager push (waybill text, claim text, whole album) in. */
export function allDelivered(
  managers: readonly Manager[],
  clients: readonly CastClient[],
  ledger: LogisticsLedger,
): boolean {
  const { counts } = judgeManagersClaimPushes(managers, ledger.claims);
  return (
    judgePdfs(clients, ledger.waybills).tally.lost === 0 &&
    judgeWaybillPushes(managers, ledger.waybills).tally.lost === 0 &&
    counts.texts.lost === 0 &&
    counts.albums.lost === 0 &&
    // An album still coming in is short of photos.
    counts.problems.every((problem) => !problem.includes(' photos, '))
  );
}
