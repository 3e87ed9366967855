import { FaultList } from '../faults.js';
import { FloodLimiter, type FloodLimits } from '../limits/flood-limiter.js';
import { StatsCounter } from '../stats.js';
import { CallbackQueryStore } from './callback-queries.js';
import { ChatStore } from './chat-store.js';
import { Directory } from './directory.js';
import { FileStore } from './file-store.js';

/** Everything the sandbox knows, shared by the Bot API, the user side and the test API. */
export class SandboxCore {
  readonly now = (): number => Date.now();
  readonly directory = new Directory();
  readonly chats = new ChatStore(this.now);
  readonly files = new FileStore();
  readonly callbackQueries = new CallbackQueryStore();
  readonly stats = new StatsCounter();
  readonly faults = new FaultList();
  readonly limiter: FloodLimiter;

  constructor(
    limits: Partial<FloodLimits> | 'off' = {},
    /** Telegram's 403 "bot can't initiate conversation" for users who never wrote to the bot. */
    readonly privateChatsNeedStart = false,
  ) {
    this.limiter = new FloodLimiter(limits);
  }
}
