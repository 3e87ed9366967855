import { numberSetting } from '../lib/settings.js';

/** What a run of the logistics suite does; each figure can be changed by an environment variable. */
export interface LogisticsConfig {
  /**
   * How long ours' bot-gateway waits for an album's next part before handing it on
   * (`LOGISTICS_ALBUM_WAIT_MS`; default 700, its own default, as `npm start` runs it; the test
   * stacks use 300).
   */
  albumWaitMs: number;
  /** Simulated clients, each making a waybill on each side and filing one claim (`LOGISTICS_CLIENTS`). */
  clients: number;
  /** Managers the clients are shared among by the rule (`LOGISTICS_MANAGERS`). */
  managers: number;
  /** Extra clients who make a waybill on each side and file a claim, untimed, before the rounds (`LOGISTICS_WARMUP`). */
  warmupClients: number;
  /** Photos in each claim's album (`LOGISTICS_PHOTOS`, 2–10). */
  photos: number;
  /** In-process renders of the waybill PDF timed for the per-page figure (`LOGISTICS_RENDERS`). */
  renders: number;
  /** Between two clients' first taps of a form, so 200 forms fill in without one burst (`LOGISTICS_SPREAD_MS`). */
  spreadMs: number;
  /** How long a client waits for any one answer of the bot (`LOGISTICS_REPLY_TIMEOUT_MS`). */
  replyTimeoutMs: number;
  /** How long every manager push may take to arrive after the claims are confirmed (`LOGISTICS_PUSH_TIMEOUT_MS`). */
  pushTimeoutMs: number;
  /** Nothing new in a side's chats for this long (and nothing queued) = settled, doubles would have shown (`LOGISTICS_QUIET_MS`). */
  quietMs: number;
  /** The longest a side may take to settle before giving up waiting (`LOGISTICS_SETTLE_MAX_MS`). */
  settleMaxMs: number;
}

const DEFAULTS: LogisticsConfig = {
  albumWaitMs: 700,
  clients: 200,
  managers: 20,
  warmupClients: 2,
  photos: 3,
  renders: 100,
  spreadMs: 15,
  replyTimeoutMs: 120_000,
  pushTimeoutMs: 180_000,
  quietMs: 3_000,
  settleMaxMs: 120_000,
};

export function logisticsConfig(env: NodeJS.ProcessEnv = process.env): LogisticsConfig {
  const config: LogisticsConfig = {
    albumWaitMs: numberSetting(env, 'LOGISTICS_ALBUM_WAIT_MS', DEFAULTS.albumWaitMs, 50),
    clients: numberSetting(env, 'LOGISTICS_CLIENTS', DEFAULTS.clients, 1),
    managers: numberSetting(env, 'LOGISTICS_MANAGERS', DEFAULTS.managers, 1),
    warmupClients: numberSetting(env, 'LOGISTICS_WARMUP', DEFAULTS.warmupClients, 0),
    photos: numberSetting(env, 'LOGISTICS_PHOTOS', DEFAULTS.photos, 2),
    renders: numberSetting(env, 'LOGISTICS_RENDERS', DEFAULTS.renders, 1),
    spreadMs: numberSetting(env, 'LOGISTICS_SPREAD_MS', DEFAULTS.spreadMs, 0),
    replyTimeoutMs: numberSetting(env, 'LOGISTICS_REPLY_TIMEOUT_MS', DEFAULTS.replyTimeoutMs, 1_000),
    pushTimeoutMs: numberSetting(env, 'LOGISTICS_PUSH_TIMEOUT_MS', DEFAULTS.pushTimeoutMs, 1_000),
    quietMs: numberSetting(env, 'LOGISTICS_QUIET_MS', DEFAULTS.quietMs, 100),
    settleMaxMs: numberSetting(env, 'LOGISTICS_SETTLE_MAX_MS', DEFAULTS.settleMaxMs, 1_000),
  };
  if (config.photos > 10) throw new Error(`LOGISTICS_PHOTOS must be 2–10 (an album), got ${config.photos}`);
  return config;
}
