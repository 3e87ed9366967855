// Bus: connection, publishing, consuming, request/reply, dead letters.
export { BusConnection, type BusConnectionOptions } from './bus/connection.js';
export { Publisher, envelopeProperties, type RawPublish } from './bus/publisher.js';
export { publishMessage } from './bus/publish-message.js';
export {
  Consumer,
  DEFAULT_RETRY_DELAYS_MS,
  type ConsumerOptions,
  type HandlerContext,
  type HandlerMap,
  type HandlerResult,
  type MessageHandler,
} from './bus/consumer.js';
export { PartitionedConsumer, type PartitionedConsumerOptions } from './bus/partitioned-consumer.js';
export {
  PARTITION_SLOTS,
  assignPartitions,
  isPartitionQueue,
  partitionQueueName,
  slotExchangeName,
  slotOf,
} from './bus/partitions.js';
export { RpcClient, type BreakerSettings, type RequestOptions } from './bus/rpc-client.js';
export { RpcServer, type RequestHandler, type RequestHandlerMap } from './bus/rpc-server.js';
export { commandsQueueOf, queriesQueueOf, respondersReady, responderQueues } from './bus/responders-ready.js';
export { declareExchanges, declareConsumerQueue, deadQueueName, retryQueueName } from './bus/topology.js';
export { listDeadLetters, replayDeadLetters, type DeadLetter } from './bus/dead-letters.js';
export { decodeMessage, describeIssues } from './bus/decode.js';
export { HEADERS } from './bus/headers.js';
// Data: database, migrations, outbox, inbox.
export { createDatabase, closeDatabase, pingDatabase, type ServiceDatabase } from './db/database.js';
export { migrateDatabase, migrationList, type Migration } from './db/migrate.js';
export { Outbox, type EmitOptions } from './outbox/outbox.js';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay.js';
export { UnitOfWork, type TransactionContext } from './outbox/unit-of-work.js';
export { recordInInbox, pruneInbox } from './inbox/inbox.js';
// Process: config, logs, metrics, ops HTTP, lifecycle.
export * from './config/index.js';
export * from './log/index.js';
export * from './metrics/index.js';
export * from './http/index.js';
export * from './runner/index.js';
export * from './errors/index.js';
export { ServiceRuntime, type ServiceRuntimeOptions } from './service/service-runtime.js';
export { SecretBox } from './secrets/secret-box.js';
export {
  LocalDirectoryStorage,
  assertObjectKey,
  type ObjectStorage,
  type StoredObject,
} from './storage/object-storage.js';
export { createRedis } from './redis/redis-client.js';
export { KeyedSerializer } from './concurrency/keyed-serializer.js';
export { withDeadline } from './concurrency/with-deadline.js';
export { periodicTask } from './service/periodic-task.js';
export { DelayedJobs, type DelayedJob, type DelayedJobsOptions } from './jobs/delayed-jobs.js';
export { containsPattern, escapeLike } from './db/like.js';
export { createYearlyCounterTable, nextYearlyNumber, yearlyNumber } from './db/yearly-numbers.js';
export { isDependencyUnavailable, isPermanentFailure, UNAVAILABLE_CODE } from './bus/failure.js';
