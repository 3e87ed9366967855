import { numberSetting } from '../lib/settings.js';

/** What a run of the load suite does; every figure can be changed by an environment variable. */
export interface LoadConfig {
  /**
   * How ours runs (`LOAD_LAYOUT`): `host`, every service in one compiled host process as
   * `npm start` runs them (the default), or `split`, a compiled process per service.
   */
  layout: 'host' | 'split';
  /** Fixed rates, updates/s, each run for ours and for the baseline (`LOAD_RATES`). */
  rates: number[];
  /** Seconds per fixed-rate phase (`LOAD_PHASE_SECONDS`). */
  phaseSeconds: number;
  /** The rate and seconds of the warm-up per side, not measured (`LOAD_WARMUP_RATE`, `LOAD_WARMUP_SECONDS`). */
  warmupRate: number;
  warmupSeconds: number;
  /** Seconds per step of the sustained-rate search (`LOAD_SEARCH_SECONDS`); 0 skips the search. */
  searchStepSeconds: number;
  /** The search stops above this rate (`LOAD_SEARCH_MAX`). */
  searchMaxRate: number;
  /** Each search step is this much faster than the last. */
  searchFactor: number;
  /** "Sustained": p99 below this, nothing lost, the rate actually offered. */
  sustainedP99Ms: number;
  /** An update with no reply after this long is lost (`LOAD_REPLY_TIMEOUT_MS`). */
  replyTimeoutMs: number;
  /**
   * A user waits this long after a reply before the next update (`LOAD_THINK_MS`): more than the
   * 1 message/s per chat that bot-gateway paces replies under, as Telegram wants.
   */
  thinkMs: number;
  /** Users per side who join before the phases (`LOAD_USERS`), at `joinRate` updates/s. */
  initialUsers: number;
  joinRate: number;
  /** Of the joining users, the share who open the technicians' join link. */
  technicianShare: number;
  /** The dialog's mix of updates (weights): new users' /start, offer accepts, menu taps, free text. */
  mix: { join: number; accept: number; menu: number; text: number };
  /** Egress under Telegram's flood limits (`LOAD_EGRESS_COUNT`, `LOAD_EGRESS_CHATS`); 0 skips it. */
  egressCount: number;
  egressChats: number;
  /** Idle RSS is read this long after every service is ready (`LOAD_IDLE_SETTLE_MS`). */
  idleSettleMs: number;
  /** RSS under load: sampled this often during the phase at `rssPhaseRate`. */
  rssSampleMs: number;
  rssPhaseRate: number;
}

const DEFAULTS: LoadConfig = {
  layout: 'host',
  rates: [100, 300, 1000],
  phaseSeconds: 10,
  warmupRate: 100,
  warmupSeconds: 5,
  searchStepSeconds: 5,
  searchMaxRate: 4000,
  searchFactor: 1.25,
  sustainedP99Ms: 100,
  replyTimeoutMs: 10_000,
  thinkMs: 1_100,
  initialUsers: 1_500,
  joinRate: 150,
  technicianShare: 0.25,
  mix: { join: 10, accept: 5, menu: 45, text: 40 },
  egressCount: 5_000,
  egressChats: 1_000,
  idleSettleMs: 5_000,
  rssSampleMs: 250,
  rssPhaseRate: 300,
};

/** `LOAD_QUICK=1`: a couple of minutes end to end, for trying the suite out. */
const QUICK: Partial<LoadConfig> = {
  rates: [100, 300],
  phaseSeconds: 3,
  warmupSeconds: 2,
  searchStepSeconds: 2,
  searchMaxRate: 800,
  initialUsers: 400,
  egressCount: 300,
  egressChats: 100,
  idleSettleMs: 2_000,
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadConfig {
  const base = { ...DEFAULTS, ...(env.LOAD_QUICK === '1' ? QUICK : {}) };
  const config: LoadConfig = {
    ...base,
    layout: layoutSetting(env.LOAD_LAYOUT, base.layout),
    rates: env.LOAD_RATES === undefined ? base.rates : rateList(env.LOAD_RATES),
    phaseSeconds: numberSetting(env, 'LOAD_PHASE_SECONDS', base.phaseSeconds, 1),
    warmupRate: numberSetting(env, 'LOAD_WARMUP_RATE', base.warmupRate, 1),
    warmupSeconds: numberSetting(env, 'LOAD_WARMUP_SECONDS', base.warmupSeconds, 0),
    searchStepSeconds: numberSetting(env, 'LOAD_SEARCH_SECONDS', base.searchStepSeconds, 0),
    searchMaxRate: numberSetting(env, 'LOAD_SEARCH_MAX', base.searchMaxRate, 1),
    replyTimeoutMs: numberSetting(env, 'LOAD_REPLY_TIMEOUT_MS', base.replyTimeoutMs, 100),
    thinkMs: numberSetting(env, 'LOAD_THINK_MS', base.thinkMs, 0),
    initialUsers: numberSetting(env, 'LOAD_USERS', base.initialUsers, 10),
    egressCount: numberSetting(env, 'LOAD_EGRESS_COUNT', base.egressCount, 0),
    egressChats: numberSetting(env, 'LOAD_EGRESS_CHATS', base.egressChats, 1),
    idleSettleMs: numberSetting(env, 'LOAD_IDLE_SETTLE_MS', base.idleSettleMs, 0),
  };
  if (config.egressCount > 0 && config.egressCount % config.egressChats !== 0) {
    throw new Error(
      `LOAD_EGRESS_COUNT (${config.egressCount}) must be a multiple of LOAD_EGRESS_CHATS (${config.egressChats})`,
    );
  }
  return config;
}

function rateList(raw: string): number[] {
  const rates = raw.split(',').map((part) => Number(part.trim()));
  if (rates.length === 0 || rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) {
    throw new Error(`LOAD_RATES must be positive numbers separated by commas, got "${raw}"`);
  }
  return rates;
}

function layoutSetting(raw: string | undefined, fallback: LoadConfig['layout']): LoadConfig['layout'] {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (raw === 'host' || raw === 'split') return raw;
  throw new Error(`LOAD_LAYOUT must be host or split, got "${raw}"`);
}
