/** Every active admin, in the feed and in Telegram: who hears of most things today (S0-13). */
export const EVERY_ADMIN = {
  recipients: [{ kind: 'role', role: 'admin' }],
  channels: ['feed', 'telegram'],
} as const;
