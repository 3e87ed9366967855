import type { ChatEvent } from '@fieldgram/telegram-sandbox';
import { sleep } from '../lib/timing.js';

/** How one story ended; `confirmedAt` (performance.now()) is when it was let through to Confirm. */
export type StoryOutcome<T> =
  { ok: true; value: T; confirmedAt: number } | { ok: false; error: unknown; confirmedAt?: number };

/** A story that stops at its summary: `beforeConfirm` resolves when it may press Confirm. */
export type HeldStory<T> = (
  index: number,
  beforeConfirm: (summary: ChatEvent) => Promise<void>,
) => Promise<T>;

/**
 * Runs `count` stories, the i-th started `i × spreadMs` after the first (so the forms fill in
 * without one burst), holds each at its summary until every story is there (or has failed on the
 * way), calls `release`, then lets all of them press Confirm at once. Never rejects: each story's
 * outcome says whether it got through, so one lost reply cannot hide the others' figures.
 */
export async function confirmTogether<T>(
  count: number,
  story: HeldStory<T>,
  { spreadMs, release }: { spreadMs: number; release?: () => void | Promise<void> },
): Promise<StoryOutcome<T>[]> {
  let held = 0;
  let failedOnTheWay = 0;
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let released = false;
  const releaseWhenAllThere = async (): Promise<void> => {
    if (released || held + failedOnTheWay < count) return;
    released = true;
    await release?.();
    open();
  };

  const run = async (index: number): Promise<StoryOutcome<T>> => {
    await sleep(index * spreadMs);
    let confirmedAt: number | undefined;
    let reachedSummary = false;
    try {
      const value = await story(index, async () => {
        reachedSummary = true;
        held += 1;
        await releaseWhenAllThere();
        await gate;
        confirmedAt = performance.now();
      });
      return { ok: true, value, confirmedAt: confirmedAt ?? Number.NaN };
    } catch (error) {
      if (!reachedSummary) {
        failedOnTheWay += 1;
        await releaseWhenAllThere();
      }
      return { ok: false, error, ...(confirmedAt === undefined ? {} : { confirmedAt }) };
    }
  };
  return Promise.all(Array.from({ length: count }, (_, index) => run(index)));
}
