// The moment of a host kill. The gateway records a Bot API call only after Telegram answered it,
// so a call answered but not yet recorded when the process dies is sent again after the restart
// (docs/operations.md: "a send that was in flight when a gateway process was killed may be
// repeated once"; Telegram cannot be asked whether it got it). In the host layout every kill is a
// gateway kill, under load mid-send almost always. To judge everything else at 0 doubled, the kill
// comes while the Bot API hangs on every call (as a stalled Telegram would, nothing carried out)
// once the calls answered before it are all recorded; the hung calls are the sends in flight.
import { sleep, withPg } from '@fieldgram/testkit';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';

/** The gateway's records count as settled once unchanged this long (no call can finish meanwhile). */
const STEADY_MS = 500;
const POLL_MS = 100;
const SETTLE_LIMIT_MS = 10_000;

export interface HeldBotApi {
  /** From the hang to the records settling (or giving up on them). */
  settledMs: number;
  /** The records stood still: every call answered before the hang is recorded. */
  settled: boolean;
  /** Stops the hang; returns how many Bot API calls (not long polls) hung meanwhile. */
  release(): number;
}

/** Makes every Bot API call hang, then waits until the gateway has recorded all it was answered. */
export async function holdBotApi(sandbox: TelegramSandbox, databaseUrl: string): Promise<HeldBotApi> {
  const callsBefore = sends(sandbox);
  const startedAt = Date.now();
  sandbox.injectFault({ kind: 'timeout' });
  const settled = await withPg(databaseUrl, async (db) => {
    const recorded = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from bot_gateway.processed_commands'))
        .rows[0]!.n;
    let last = await recorded();
    let steadySince = Date.now();
    while (Date.now() - steadySince < STEADY_MS && Date.now() - startedAt < SETTLE_LIMIT_MS) {
      await sleep(POLL_MS);
      const now = await recorded();
      if (now !== last) [last, steadySince] = [now, Date.now()];
    }
    return Date.now() - steadySince >= STEADY_MS;
  });
  const settledMs = Date.now() - startedAt;
  return {
    settledMs,
    settled,
    release: () => {
      sandbox.clearFaults();
      return sends(sandbox) - callsBefore;
    },
  };
}

/** Bot API calls received so far, long polls left out. */
function sends(sandbox: TelegramSandbox): number {
  return Object.entries(sandbox.stats().calls)
    .filter(([method]) => method !== 'getUpdates')
    .reduce((sum, [, count]) => sum + count, 0);
}
