import { z } from 'zod';
import { CurrencySchema } from '@fieldgram/contracts';
import { platformEnvSchema } from '@fieldgram/platform';

/** claims' environment (documented in .env.example). */
export const claimsEnvSchema = platformEnvSchema.extend({
  /** The currency of an amount claimed when the filing names none (the bot's wizard does not ask). */
  CLAIMS_CURRENCY: z.string().trim().toUpperCase().pipe(CurrencySchema).default('RUB'),
});
export type ClaimsEnv = z.output<typeof claimsEnvSchema>;
