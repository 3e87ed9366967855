import { serviceEnvValues } from '@fieldgram/testkit';
import knex, { type Knex } from 'knex';
import { pino } from 'pino';
import type { TestEnv } from '@fieldgram/testkit';
import { BusConnection, createMetrics, Publisher, RpcClient, type ServiceRuntime } from '@fieldgram/platform';
import {
  createEnvelope,
  messages,
  type Actor,
  type DataInput,
  type Envelope,
  type Messages,
  type MessageType,
} from '@fieldgram/contracts';
import { auditEnvSchema } from '../../src/config.js';
import { createAuditService, type AuditService } from '../../src/service.js';

export const silentLogger = pino({ level: 'silent' });

export async function startAudit(env: TestEnv): Promise<AuditService> {
  const service = await createAuditService(
    auditEnvSchema.parse({
      ...serviceEnvValues(env),
    }),
  );
  await service.runtime.start();
  return service;
}

/** The other services, as audit sees them: they publish events and ask for the journal. */
export class BusPeer {
  private constructor(
    private readonly connection: BusConnection,
    private readonly publisher: Publisher,
    readonly rpc: RpcClient<Messages>,
  ) {}

  static async open(env: TestEnv): Promise<BusPeer> {
    const metrics = createMetrics({ service: 'bus-peer' });
    const connection = await BusConnection.open({ url: env.amqpUrl, name: 'bus-peer', logger: silentLogger });
    const publisher = await Publisher.open({ connection, logger: silentLogger, metrics });
    const rpc = await RpcClient.open({
      connection,
      registry: messages,
      source: 'api-gateway',
      logger: silentLogger,
      metrics,
    });
    return new BusPeer(connection, publisher, rpc);
  }

  /** Publishes an event as `source` did at `occurredAt` (validated as a consumer will). */
  async publish<T extends MessageType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
    options: { source?: string; occurredAt?: Date; actor?: Actor; partitionKey?: string } = {},
  ): Promise<Envelope> {
    const def = messages[type];
    const envelope = createEnvelope({
      type,
      data: def.data.parse(data),
      source: options.source ?? 'identity',
      ...(options.occurredAt ? { occurredAt: options.occurredAt } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.partitionKey ? { partitionKey: options.partitionKey } : {}),
    });
    await this.republish(envelope);
    return envelope;
  }

  /** The very same envelope (again): what a redelivery looks like to the consumer. */
  republish(envelope: Envelope): Promise<void> {
    return this.publisher.publishEnvelope(
      messages[envelope.type as MessageType<Messages>].exchange,
      envelope.type,
      envelope,
    );
  }

  async close(): Promise<void> {
    await this.rpc.close();
    await this.publisher.close();
    await this.connection.close();
  }
}

/** Direct access to audit's schema (to check the append-only guarantee). */
export function auditDb(env: TestEnv): Knex {
  return knex({ client: 'pg', connection: env.databaseUrl, searchPath: ['audit'], pool: { min: 0, max: 3 } });
}

/** How many messages of `type` the journal consumer took with this outcome (its own metrics). */
export async function consumedCount(
  runtime: ServiceRuntime<Messages>,
  type: string,
  outcome: 'ok' | 'duplicate' | 'invalid',
): Promise<number> {
  const metric = runtime.metrics.registry.getSingleMetric('fg_messages_consumed_total');
  const { values } = (await metric!.get()) as {
    values: { labels: Record<string, unknown>; value: number }[];
  };
  return values
    .filter((value) => value.labels.type === type && value.labels.outcome === outcome)
    .reduce((sum, value) => sum + value.value, 0);
}
