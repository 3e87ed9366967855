// The load of the logistics chaos run: every client, on their own, makes a waybill through the bot
// and files a claim about it (most with an album of 2–3 photos), round after round until told to
// stop. A few hold their first Confirm until an outage has begun, so some confirms surely meet a
// dead service. The ledger holds what each person saw confirmed, and when they tapped Confirm.
import { sleep } from '@fieldgram/testkit';
import type { ChatEvent, ChatSession } from '@fieldgram/telegram-sandbox';
import { SAMPLE_WAYBILL, newClaim, newWaybill, type ClaimAnswers } from './logistics-stories.js';
import type { CastClient } from './logistics-chaos-cast.js';
import type { KilledService, OutageWatch } from './logistics-chaos-outages.js';

/** A waybill or claim the bot confirmed to its client. */
export interface Confirmed {
  client: CastClient;
  number: string;
  /** When Confirm was tapped and when the bot's answer had come (epoch ms). */
  confirmedAt: number;
  answeredAt: number;
}

export interface ClaimConfirmed extends Confirmed {
  waybillNumber: string;
  photos: number;
  /** file_unique_ids of the photos the client sent with it (every size). */
  photoIds: Set<string>;
}

export class LogisticsLedger {
  readonly waybills: Confirmed[] = [];
  readonly claims: ClaimConfirmed[] = [];
  /** A person's flow that broke off (no answer in time, an unexpected one): work lost to them. */
  readonly failures: string[] = [];
}

/** Albums of 3, none, 2, in turn: claims with and without photos interleave. */
const ALBUMS = [3, 0, 2] as const;

export interface LoadOptions {
  clients: readonly CastClient[];
  ledger: LogisticsLedger;
  watch: OutageWatch;
  /** Client index → the service whose first outage their first Confirm of that kind waits for. */
  holds: ReadonlyMap<number, KilledService>;
  /** Between two clients' first taps, so the bot is not hit by all of them in the same instant. */
  staggerMs: number;
}

export class LogisticsLoad {
  private running = false;
  private scripts: Promise<void>[] = [];
  private readonly waiting = new Map<KilledService, Set<number>>();
  private readonly allWaiting = new Map<KilledService, () => void>();
  private readonly allWaitingPromise = new Map<KilledService, Promise<void>>();

  constructor(private readonly options: LoadOptions) {
    for (const service of new Set(options.holds.values())) {
      this.waiting.set(service, new Set());
      this.allWaitingPromise.set(service, new Promise((resolve) => this.allWaiting.set(service, resolve)));
    }
  }

  /** Resolves once every client holding for `service` is at their summary, waiting on the outage. */
  heldFor(service: KilledService): Promise<void> {
    return this.allWaitingPromise.get(service) ?? Promise.resolve();
  }

  start(): void {
    this.running = true;
    this.scripts = this.options.clients.map((client, index) => this.script(client, index));
  }

  /** No new rounds; resolves when every client has finished the one they are in. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.scripts);
  }

  private async script(client: CastClient, index: number): Promise<void> {
    await sleep(index * this.options.staggerMs);
    const hold = this.options.holds.get(index);
    try {
      // Holding for claims, the first claim is about a waybill made outside the bot: no waybill
      // to make first, which a waybill outage could hold up 30 s.
      if (hold === 'claims') await this.claim(client, { type: `TN ${index}/13` }, 2, true);
      for (let round = 0; round === 0 || this.running; round++) {
        const waybill = await this.waybill(client, index, round, round === 0 && hold === 'waybill');
        await this.claim(client, { pick: waybill }, ALBUMS[(index + round) % ALBUMS.length]!, false);
      }
    } catch (error) {
      this.options.ledger.failures.push(`${client.chat.user.firstName}: ${String(error)}`.slice(0, 400));
    }
  }

  private async waybill(client: CastClient, index: number, round: number, hold: boolean): Promise<string> {
    let confirmedAt = 0;
    const made = await newWaybill(
      client.chat,
      { ...SAMPLE_WAYBILL, cargo: `Chaos cargo ${index}.${round}` },
      {
        beforeConfirm: async () => {
          if (hold) await this.holdUntilDown('waybill', index);
          confirmedAt = Date.now();
        },
      },
    );
    this.options.ledger.waybills.push({ client, number: made.number, confirmedAt, answeredAt: Date.now() });
    return made.number;
  }

  private async claim(
    client: CastClient,
    waybill: ClaimAnswers['waybill'],
    photos: number,
    hold: boolean,
  ): Promise<void> {
    const waybillNumber = 'pick' in waybill ? waybill.pick : waybill.type;
    const index = this.options.clients.indexOf(client);
    const before = lastSeq(client.chat);
    let confirmedAt = 0;
    const filed = await newClaim(
      client.chat,
      {
        waybill,
        email: `client${index}@example.com`,
        description: `Chaos claim about ${waybillNumber}: one box arrived wet.`,
        amount: '1 250,50',
        photos,
      },
      {
        beforeConfirm: async () => {
          if (hold) await this.holdUntilDown('claims', index);
          confirmedAt = Date.now();
        },
      },
    );
    this.options.ledger.claims.push({
      client,
      number: filed.number,
      confirmedAt,
      answeredAt: Date.now(),
      waybillNumber,
      photos,
      photoIds: photosSentAfter(client.chat, before),
    });
  }

  private async holdUntilDown(service: KilledService, index: number): Promise<void> {
    const waiting = this.waiting.get(service)!;
    waiting.add(index);
    const holding = [...this.options.holds.values()].filter((held) => held === service).length;
    if (waiting.size === holding) this.allWaiting.get(service)?.();
    await this.options.watch.down(service);
  }
}

function lastSeq(chat: ChatSession): number {
  return chat.sandbox.chatLog(chat.botToken, chat.user.id).at(-1)?.seq ?? 0;
}

/** The photos the person sent in their chat after `after` (seq). */
function photosSentAfter(chat: ChatSession, after: number): Set<string> {
  const sent = chat.sandbox
    .chatLog(chat.botToken, chat.user.id)
    .filter((event: ChatEvent) => event.seq > after && event.kind === 'user_message');
  return new Set(sent.flatMap((event) => (event.message?.photo ?? []).map((size) => size.file_unique_id)));
}
