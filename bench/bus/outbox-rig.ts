import {
  BusConnection,
  closeDatabase,
  createDatabase,
  createMetrics,
  declareExchanges,
  migrateDatabase,
  Outbox,
  OutboxRelay,
  Publisher,
  UnitOfWork,
  type ServiceDatabase,
  type ServiceMetrics,
} from '@fieldgram/platform';
import { silentLogger, type TestEnv } from '../lib/env.js';
import { timeConcurrent } from '../lib/timing.js';
import { BENCH_EXCHANGE, BENCH_TYPE, benchMessages, pingData, type BenchMessages } from './messages.js';
import { openRawAmqp, type RawAmqp } from './raw-amqp.js';
import { Sink } from './sink.js';

/** A service's outbox machinery (database, unit of work, publisher) plus a sink on fg.events. */
export interface OutboxRig {
  db: ServiceDatabase;
  uow: UnitOfWork<BenchMessages>;
  publisher: Publisher;
  sink: Sink;
  startRelay(): Promise<OutboxRelay>;
  close(): Promise<void>;
}

export async function openOutboxRig(env: TestEnv): Promise<OutboxRig> {
  const metrics: ServiceMetrics = createMetrics({ service: 'bench-outbox' });
  const db = createDatabase({ url: env.databaseUrl, schema: 'bench_outbox' });
  await migrateDatabase(db, []);
  const uow = new UnitOfWork(db, new Outbox({ registry: benchMessages, source: 'bench', schema: db.schema }));
  const connection = await BusConnection.open({
    url: env.amqpUrl,
    name: 'bench-outbox',
    logger: silentLogger,
  });
  const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
  const raw: RawAmqp = await openRawAmqp(env.amqpUrl);
  await declareExchanges(raw.channel);
  const sink = await Sink.open(raw.model, BENCH_EXCHANGE, BENCH_TYPE);
  return {
    db,
    uow,
    publisher,
    sink,
    // The relay as a service runs it: default batch size and polling, woken by NOTIFY.
    startRelay: () =>
      OutboxRelay.start({ db, databaseUrl: env.databaseUrl, publisher, logger: silentLogger, metrics }),
    async close() {
      await sink.close();
      await raw.close();
      await publisher.close();
      await connection.close();
      await closeDatabase(db);
    },
  };
}

/**
 * Writes `count` outbox rows with seq `firstSeq…`, `perTransaction` per UnitOfWork.run, a few
 * transactions at once; returns the elapsed ms.
 */
export function writeOutboxRows(
  rig: OutboxRig,
  firstSeq: number,
  count: number,
  perTransaction: number,
): Promise<number> {
  const transactions = Math.ceil(count / perTransaction);
  return timeConcurrent(transactions, 4, async (transaction) => {
    await rig.uow.run(async ({ emit }) => {
      const first = transaction * perTransaction;
      for (let index = first; index < Math.min(count, first + perTransaction); index++) {
        await emit(BENCH_TYPE, pingData(firstSeq + index));
      }
    });
  });
}
