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
  /**
   * Fetches a file a user sent (by its Telegram file_id) and keeps a copy in object storage under
   * `storageKey`. Telegram hands over files up to 20 MB: a larger one is refused (`validation`,
   * details.reason = 'too_big'), and the file stays reachable by its file_id only.
   */
  'bot-gateway.store-file': command(
    z.object({
      fileId: z.string().min(1),
      storageKey: z.string().min(1).max(300),
      /** Kept with the copy (Telegram serves every file as application/octet-stream). */
      contentType: z.string().min(1).max(200).optional(),
    }),
    z.object({ storageKey: z.string(), fileSize: z.number().int().nonnegative() }),
  ),
} as const;
