import pg from 'pg';
import type { Logger } from 'pino';
import type { Envelope } from '@fieldgram/contracts';
import type { ServiceDatabase } from '../db/database.js';
import type { Publisher } from '../bus/publisher.js';
import type { ServiceMetrics } from '../metrics/index.js';
import { outboxChannel } from './outbox-channel.js';

export interface OutboxRelayOptions {
  db: ServiceDatabase;
  /** For the listening connection, which also holds the relay's leadership lock. */
  databaseUrl: string;
  publisher: Publisher;
  logger: Logger;
  metrics: ServiceMetrics;
  batchSize?: number;
  /** Fallback when a NOTIFY is missed (listener reconnecting): look anyway this often. */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionMs?: number;
  cleanupIntervalMs?: number;
}

interface OutboxRow {
  seq: string;
  exchange: string;
  routing_key: string;
  envelope: Envelope;
}

const RECONNECT_DELAY_MS = 1_000;
const DEFAULT_BATCH_SIZE = 500;
// Counting pending rows costs a query; doing it on every idle pass tripled commit→publish latency.
const GAUGE_INTERVAL_MS = 5_000;

/**
 * Publishes committed outbox rows with publisher confirms, in sequence order, and marks them
 * published. One relay per schema is active at a time (a Postgres advisory lock held by its
 * listening connection); the others stand by and take over when it dies.
 */
export class OutboxRelay {
  private listener: pg.Client | null = null;
  private leader = false;
  private stopped = false;
  private wakeRequested = false;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private lastCleanup = 0;
  private lastGauge = 0;

  private constructor(private readonly options: OutboxRelayOptions) {}

  static async start(options: OutboxRelayOptions): Promise<OutboxRelay> {
    const relay = new OutboxRelay(options);
    await relay.connectListener();
    relay.loopDone = relay.loop();
    return relay;
  }

  isLeader(): boolean {
    return this.leader;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
    const listener = this.listener;
    this.listener = null;
    this.leader = false;
    await listener?.end().catch(() => undefined);
  }

  /** Publishes up to one batch; returns how many rows it published. */
  async relayBatch(): Promise<number> {
    const { db, publisher, logger } = this.options;
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    const rows = (await db.knex
      .withSchema(db.schema)
      .table('fg_outbox')
      .select('seq', 'exchange', 'routing_key', 'envelope')
      .whereNull('published_at')
      .orderBy('seq')
      .limit(batchSize)) as OutboxRow[];
    if (rows.length === 0) return 0;

    // All sent on one confirm channel, so the broker receives them in sequence order.
    const results = await Promise.allSettled(
      rows.map((row) => publisher.publishEnvelope(row.exchange, row.routing_key, row.envelope)),
    );
    // Only the prefix before the first failure counts: a later row must not overtake an earlier one.
    const firstFailure = results.findIndex((result) => result.status === 'rejected');
    const published = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
    if (published.length > 0) {
      await db.knex
        .withSchema(db.schema)
        .table('fg_outbox')
        .whereIn(
          'seq',
          published.map((row) => row.seq),
        )
        .update({ published_at: db.knex.fn.now() });
    }
    if (firstFailure !== -1) {
      const failure = results[firstFailure] as PromiseRejectedResult;
      logger.warn({ err: failure.reason, seq: rows[firstFailure]!.seq }, 'outbox publish failed; will retry');
    }
    return published.length;
  }

  private async loop(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    while (!this.stopped) {
      this.wakeRequested = false;
      let published = 0;
      try {
        if (!this.leader) await this.tryToLead();
        if (this.leader) {
          published = await this.relayBatch();
          await this.housekeeping(published < batchSize);
        }
      } catch (error) {
        this.options.logger.error({ err: error }, 'outbox relay pass failed');
      }
      if (this.stopped) break;
      if (published === batchSize || this.wakeRequested) continue;
      await this.sleep(this.options.pollIntervalMs ?? 1_000);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private onNotify(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  private async tryToLead(): Promise<void> {
    if (!this.listener) return;
    const result = await this.listener.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [`fg_outbox_relay:${this.options.db.schema}`],
    );
    this.leader = result.rows[0]?.locked === true;
    if (this.leader) this.options.logger.info({ schema: this.options.db.schema }, 'outbox relay is active');
  }

  private async housekeeping(idle: boolean): Promise<void> {
    const { db, metrics } = this.options;
    if (!idle || Date.now() - this.lastGauge < GAUGE_INTERVAL_MS) return;
    this.lastGauge = Date.now();
    const pending = await db.knex
      .withSchema(db.schema)
      .table('fg_outbox')
      .whereNull('published_at')
      .count<{ n: string }[]>({ n: '*' });
    metrics.outboxPending.set(Number(pending[0]?.n ?? 0));
    const interval = this.options.cleanupIntervalMs ?? 10 * 60_000;
    if (Date.now() - this.lastCleanup < interval) return;
    this.lastCleanup = Date.now();
    const retentionMs = this.options.retentionMs ?? 7 * 24 * 3_600_000;
    const deleted = await db.knex.raw<{ rowCount: number }>(
      `delete from ??.fg_outbox where seq in (
         select seq from ??.fg_outbox where published_at < now() - make_interval(secs => ?) limit 10000)`,
      [db.schema, db.schema, retentionMs / 1000],
    );
    if (deleted.rowCount > 0)
      this.options.logger.info({ deleted: deleted.rowCount }, 'old outbox rows cleaned');
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `fieldgram-${this.options.db.schema}-outbox-relay`,
    });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.options.logger.warn({ err: error }, 'outbox listener error'));
    client.on('end', () => this.onListenerLost(client));
    await client.connect();
    await client.query(`listen "${outboxChannel(this.options.db.schema)}"`);
    this.listener = client;
  }

  // The advisory lock died with the session: stop relaying until it is taken again.
  private onListenerLost(client: pg.Client): void {
    if (this.listener !== client) return;
    this.listener = null;
    this.leader = false;
    if (this.stopped) return;
    this.options.logger.warn('outbox listener lost; relaying paused until it reconnects');
    const retry = (): void => {
      if (this.stopped) return;
      this.connectListener().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'outbox listener reconnect failed');
        setTimeout(retry, RECONNECT_DELAY_MS).unref();
      });
    };
    setTimeout(retry, RECONNECT_DELAY_MS).unref();
  }
}
