import type { User } from '@fieldgram/contracts';
import type { ChatSession } from '@fieldgram/telegram-sandbox';
import { waitFor } from '@fieldgram/testkit/env';
import {
  judgeClaimPushes,
  mergePushVerdicts,
  readClaimPushes,
  type ClaimPush,
  type FiledClaim,
  type PushVerdict,
} from '../../e2e/support/claim-pushes.js';
import { newClaim, type ClaimAnswers } from '../../e2e/support/logistics-stories.js';
import { lastSeqOf, photosSent } from './chat-reading.js';
import { confirmTogether } from './confirm-together.js';
import type { ArrivalClock } from './arrival-clock.js';

/** A client filing a claim about one of their waybills, and who manages them. */
export interface Claimant {
  chat: ChatSession;
  managerId: string;
  waybillNumber: string;
}

export interface ClaimsRound {
  claims: number;
  managers: number;
  /** The most claims one manager got: their chat's pushes are paced at 1 message/s. */
  mostPerManager: number;
  /** Confirm pressed → the manager's text push recorded in the sandbox (ms). */
  textMs: number[];
  /** Confirm pressed → the last photo of the claim's album in the manager's chat (ms). */
  albumMs: number[];
  /** The first Confirm → the last push (ms). */
  totalMs: number;
  /** The first client's first tap → every client at the summary (ms). */
  fillInMs: number;
  /** Claims filed (the client got its number). */
  filed: number;
  verdict: PushVerdict;
  /** Claims the claims service recorded with fewer files than the client sent, e.g. `CL-…: 2 of 3`. */
  recordedShort: string[];
  /** Every manager push in the chats within the time allowed. */
  allArrived: boolean;
  failures: string[];
  settle: { ms: number; quiet: boolean };
}

/** What the i-th client puts in "New claim": their waybill's button, an e-mail, an album. */
export function claimAnswers(i: number, waybillNumber: string, photos: number): ClaimAnswers {
  return {
    waybill: { pick: waybillNumber },
    email: `client${i + 1}@example.com`,
    description: `Bench claim ${i + 1}: one box arrived wet.`,
    amount: '15 000,50',
    photos,
  };
}

/**
 * 200 clients file a claim each with an album (S1-03): all fill in "New claim" to its summary,
 * then all confirm at once; each manager's chat is then read for their clients' claims — a text
 * and an album each, exactly once, in the order of the claims' numbers.
 */
export async function claimsRound(
  claimants: readonly Claimant[],
  managers: readonly { user: User; chat: ChatSession }[],
  clock: ArrivalClock,
  options: {
    photos: number;
    spreadMs: number;
    pushTimeoutMs: number;
    settle: () => Promise<{ ms: number; quiet: boolean }>;
    /** The files the claims service recorded on a claim (by its number). */
    recordedFiles: (number: string) => Promise<number>;
  },
): Promise<ClaimsRound> {
  const managerBefore = new Map(managers.map((m) => [m.user.id, lastSeqOf(m.chat)]));
  const clientBefore = claimants.map((claimant) => lastSeqOf(claimant.chat));
  const startedAt = performance.now();
  let allAtSummary = Number.NaN;
  const outcomes = await confirmTogether(
    claimants.length,
    (i, beforeConfirm) =>
      newClaim(claimants[i]!.chat, claimAnswers(i, claimants[i]!.waybillNumber, options.photos), {
        beforeConfirm,
      }),
    {
      spreadMs: options.spreadMs,
      release: () => {
        allAtSummary = performance.now();
      },
    },
  );

  const filedBy = new Map<string, (FiledClaim & { confirmedAt: number })[]>();
  const failures: string[] = [];
  for (const [i, claimant] of claimants.entries()) {
    const outcome = outcomes[i]!;
    if (!outcome.ok) {
      if (failures.length < 5)
        failures.push(`${claimant.chat.user.firstName}: ${String(outcome.error)}`.slice(0, 300));
      continue;
    }
    const claim = {
      number: outcome.value.number,
      photoIds: photosSent(claimant.chat, clientBefore[i]),
      photos: options.photos,
      confirmedAt: outcome.confirmedAt,
    };
    filedBy.set(claimant.managerId, [...(filedBy.get(claimant.managerId) ?? []), claim]);
  }
  const pushesOf = (manager: { user: User; chat: ChatSession }): ClaimPush[] => {
    const after = managerBefore.get(manager.user.id) ?? 0;
    const events = manager.chat.botMessages().filter((event) => event.seq > after);
    return readClaimPushes(events, filedBy.get(manager.user.id) ?? []);
  };
  // Until each manager has a text and an album per claim (or the time allowed is up): an album
  // comes in one call, so a short one stays short; settling then lets any straggler show.
  const allArrived = await waitFor(
    () =>
      managers.every((manager) => {
        const expected = filedBy.get(manager.user.id) ?? [];
        const pushes = pushesOf(manager);
        return expected.every(
          (claim) =>
            pushes.some((p) => p.kind === 'text' && p.number === claim.number) &&
            pushes.some((p) => p.kind === 'album' && p.number === claim.number),
        );
      }),
    { message: 'every manager push', timeoutMs: options.pushTimeoutMs, intervalMs: 250 },
  ).catch(() => false);
  const settle = await options.settle();
  const recordedShort: string[] = [];
  for (const claim of [...filedBy.values()].flat()) {
    const recorded = await options.recordedFiles(claim.number);
    if (recorded < claim.photos) recordedShort.push(`${claim.number}: ${recorded} of ${claim.photos}`);
  }

  const verdicts: PushVerdict[] = [];
  const textMs: number[] = [];
  const albumMs: number[] = [];
  let firstConfirm = Number.POSITIVE_INFINITY;
  let lastPush = Number.NEGATIVE_INFINITY;
  for (const manager of managers) {
    const filed = filedBy.get(manager.user.id) ?? [];
    const pushes = pushesOf(manager);
    verdicts.push(judgeClaimPushes(manager.chat.user.firstName, filed, pushes));
    for (const claim of filed) {
      firstConfirm = Math.min(firstConfirm, claim.confirmedAt);
      const text = pushes.find((p) => p.kind === 'text' && p.number === claim.number);
      const album = pushes.find((p) => p.kind === 'album' && p.number === claim.number);
      if (text) textMs.push(clock.arrivalOf(text.events[0]) - claim.confirmedAt);
      const albumAt = clock.arrivalOf(album?.events.at(-1));
      if (Number.isFinite(albumAt)) albumMs.push(albumAt - claim.confirmedAt);
      lastPush = Math.max(lastPush, clock.arrivalOf(text?.events[0]), albumAt);
    }
  }
  return {
    claims: claimants.length,
    managers: managers.length,
    mostPerManager: Math.max(0, ...[...filedBy.values()].map((claims) => claims.length)),
    textMs,
    albumMs,
    totalMs: lastPush - firstConfirm,
    fillInMs: allAtSummary - startedAt,
    filed: [...filedBy.values()].reduce((sum, claims) => sum + claims.length, 0),
    verdict: mergePushVerdicts(verdicts),
    recordedShort,
    allArrived,
    failures,
    settle,
  };
}
