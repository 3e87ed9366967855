import type { MessageHandler, ServiceRuntime } from '@fieldgram/platform';
import type { ExampleMessages } from '../contracts.js';
import { insertGreeting, isBrokenName } from '../store/greetings-store.js';
import type { Faults } from '../faults.js';

/** `example.greet` → a greeting row and an `example.greeted` event, exactly once per command. */
export function greetHandler(
  runtime: ServiceRuntime<ExampleMessages>,
  faults: Faults,
): MessageHandler<ExampleMessages, 'example.greet'> {
  return async (command, { logger }) => {
    const result = await runtime.uow.once('example.greeter', command, async ({ trx, emit }) => {
      const { name } = command.data;
      if (await isBrokenName(trx, name))
        throw new Error(`cannot greet ${name}: the name is on the broken list`);
      const text = `Hello, ${name}!`;
      const greetingId = await insertGreeting(trx, { messageId: command.id, name, text });
      await emit('example.greeted', { greetingId, name, text }, { partitionKey: `greeting:${name}` });
      if (faults.handlerDelayMs > 0) {
        logger.info({ greetingId }, 'greeting in progress');
        await new Promise((resolve) => setTimeout(resolve, faults.handlerDelayMs));
      }
    });
    if (faults.crashAfterCommit && !result.duplicate) {
      logger.info('crashing after commit');
      process.kill(process.pid, 'SIGKILL');
    }
    return result;
  };
}
