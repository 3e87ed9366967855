import { DomainError, type RequestHandler, type ServiceRuntime } from '@fieldgram/platform';
import type { ExampleMessages } from '../contracts.js';
import { greetingSummary } from '../store/greetings-store.js';

/** `example.get-greeting`: how often a name was greeted; an unknown name is a not_found error. */
export function getGreetingHandler(
  runtime: ServiceRuntime<ExampleMessages>,
): RequestHandler<ExampleMessages, 'example.get-greeting'> {
  return async (request) => {
    const summary = await greetingSummary(runtime.db.knex, request.data.name);
    if (summary.count === 0)
      throw new DomainError('not_found', `nobody called ${request.data.name} was greeted`);
    return summary;
  };
}
