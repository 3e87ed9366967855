import { z } from 'zod';
import { command, event, messages, query } from '@fieldgram/contracts';

/** The example's own types beside the real catalog, exactly as a service's entries would read. */
export const exampleMessages = {
  ...messages,
  'example.greet': command(z.object({ name: z.string().min(1).max(100) })),
  'example.greeted': event(z.object({ greetingId: z.number().int(), name: z.string(), text: z.string() })),
  'example.get-greeting': query(
    z.object({ name: z.string().min(1) }),
    z.object({ count: z.number().int().nonnegative(), lastText: z.string().nullable() }),
  ),
} as const;
export type ExampleMessages = typeof exampleMessages;
