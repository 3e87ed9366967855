import { z } from 'zod';
import { command, query } from '../registry.js';

const BotSettingsSchema = z.object({
  connected: z.boolean(),
  botId: z.number().int().nullable(),
  username: z.string().nullable(),
  /** `https://t.me/<username>` */
  link: z.string().nullable(),
  mode: z.enum(['webhook', 'polling', 'none']),
  /** Where the token came from: set at run time (stored encrypted), the environment, or none yet. */
  source: z.enum(['stored', 'env', 'none']),
});
export type BotSettings = z.infer<typeof BotSettingsSchema>;

/** Bot settings owned by bot-gateway (S0-01): the admin API asks these over request/reply. */
export const botGatewayMessages = {
  /** Checks the token with getMe, stores it encrypted, and restarts ingress with it. */
  'bot-gateway.set-token': command(
    z.object({ botToken: z.string().trim().min(1).max(200) }),
    BotSettingsSchema,
  ),
  'bot-gateway.get-settings': query(z.object({}), BotSettingsSchema),
} as const;
