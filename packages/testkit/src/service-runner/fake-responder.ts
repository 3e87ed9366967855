import {
  messages,
  type DataOf,
  type Envelope,
  type Messages,
  type RequestType,
  type ResultOf,
} from '@fieldgram/contracts';
import {
  BusConnection,
  commandsQueueOf,
  createMetrics,
  queriesQueueOf,
  RpcServer,
  type RequestHandlerMap,
} from '@fieldgram/platform';
import type { TestEnv } from '../isolation.js';
import { testLogger } from './test-logger.js';

/** A test's answer to one request type: from the request's data (a DomainError is a refusal). */
export type FakeAnswer<T extends RequestType<Messages>> = (
  data: DataOf<Messages, T>,
  request: Envelope<T, DataOf<Messages, T>>,
) => ResultOf<Messages, T> | Promise<ResultOf<Messages, T>>;

export type FakeAnswers<T extends RequestType<Messages>> = { [K in T]: FakeAnswer<K> };

/** Something a test started and must stop. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Stands in for another service: answers the given request types over request/reply on the
 * queues that service would consume (`<service>.queries` for reads, `<service>.commands` for
 * state changes), so the service under test asks it exactly as it would ask the real one.
 */
export async function fakeResponder<T extends RequestType<Messages>>(
  env: TestEnv,
  answers: FakeAnswers<T>,
): Promise<Closable> {
  const logger = testLogger('fake-responder');
  const connection = await BusConnection.open({ url: env.amqpUrl, name: 'fake-responder', logger });
  const servers: RpcServer<Messages, T>[] = [];
  try {
    for (const [queue, handlers] of byQueue(answers))
      servers.push(
        await RpcServer.start({
          connection,
          registry: messages,
          logger,
          metrics: createMetrics({ service: 'fake-responder' }),
          queue,
          handlers,
        }),
      );
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    async close() {
      for (const server of servers) await server.stop();
      await connection.close();
    },
  };
}

/** The answers grouped by the queue the real service takes them from. */
function byQueue<T extends RequestType<Messages>>(
  answers: FakeAnswers<T>,
): Map<string, RequestHandlerMap<Messages, T>> {
  const queues = new Map<string, Record<string, (request: Envelope) => Promise<unknown>>>();
  for (const [type, answer] of Object.entries(answers) as [T, FakeAnswer<T>][]) {
    const service = type.slice(0, type.indexOf('.'));
    const queue = messages[type].kind === 'query' ? queriesQueueOf(service) : commandsQueueOf(service);
    const handlers = queues.get(queue) ?? {};
    handlers[type] = async (request) =>
      answer(request.data as DataOf<Messages, T>, request as Envelope<T, DataOf<Messages, T>>);
    queues.set(queue, handlers);
  }
  return queues as unknown as Map<string, RequestHandlerMap<Messages, T>>;
}
