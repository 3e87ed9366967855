import type { MessageHandler, ServiceRuntime } from '@fieldgram/platform';
import type { ExampleMessages } from '../contracts.js';
import { logGreeted } from '../store/greetings-store.js';

/** A subscriber of `example.greeted`: records each event it handled, once. */
export function logGreetedHandler(
  runtime: ServiceRuntime<ExampleMessages>,
): MessageHandler<ExampleMessages, 'example.greeted'> {
  return (event) =>
    runtime.uow.once('example.greeted-log', event, async ({ trx }) => {
      await logGreeted(trx, event.id, event.data.greetingId);
    });
}
