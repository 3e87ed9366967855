import amqplib from 'amqplib';
import type { ChannelModel, RecoveringChannelModel } from 'amqplib';
import type { Logger } from 'pino';

/** Work to redo on every (re)connection: declare topology, open channels, start consumers. */
export type ConnectionSetup = (model: ChannelModel) => Promise<void>;

export interface BusConnectionOptions {
  url: string;
  /** Shown in the RabbitMQ management UI, so an operator can tell connections apart. */
  name: string;
  logger: Logger;
  heartbeatSeconds?: number;
  /** Give up at start after this many failed attempts; once connected, retry forever. */
  initialMaxRetries?: number;
}

/**
 * One AMQP connection that recovers by itself (amqplib's opt-in recovery). Parts of the bus
 * register setups; each runs on the current connection and again after every reconnect, so
 * channels and consumers come back after a broker restart or a forced close.
 */
export class BusConnection {
  private model: ChannelModel | null = null;
  private readonly setups = new Set<ConnectionSetup>();
  private closing = false;

  private recovering!: RecoveringChannelModel;

  private constructor(private readonly logger: Logger) {}

  static async open(options: BusConnectionOptions): Promise<BusConnection> {
    const connection = new BusConnection(options.logger);
    const recovering = await amqplib.connect(withHeartbeat(options.url, options.heartbeatSeconds ?? 15), {
      clientProperties: { connection_name: options.name },
      recovery: {
        initialDelay: 100,
        maxDelay: 5_000,
        factor: 2,
        jitter: 0.2,
        maxRetries: Infinity,
        initialMaxRetries: options.initialMaxRetries ?? 20,
        waitForConnect: false,
        // Runs before the connection is handed out; a failing setup closes it and retries.
        setup: (model: ChannelModel) => connection.runSetups(model),
      },
    });
    connection.recovering = recovering;
    connection.watch(recovering);
    try {
      await recovering.waitForConnect();
    } catch (error) {
      throw new Error(`cannot connect to RabbitMQ at ${redactUrl(options.url)}: ${String(error)}`, {
        cause: error,
      });
    }
    return connection;
  }

  isConnected(): boolean {
    return this.model !== null;
  }

  /** The live connection, or null while reconnecting. */
  current(): ChannelModel | null {
    return this.model;
  }

  /**
   * Registers a setup: run now if connected, and after every reconnect. The returned function
   * unregisters it (the channels it opened are the caller's to close).
   */
  async attach(setup: ConnectionSetup): Promise<() => void> {
    this.setups.add(setup);
    if (this.model) await setup(this.model);
    return () => this.setups.delete(setup);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.recovering.close().catch(() => undefined);
    this.model = null;
  }

  // The model is published only after every setup ran, so a setup attached meanwhile runs once
  // (a Set's iteration visits entries added during it).
  private async runSetups(model: ChannelModel): Promise<void> {
    try {
      for (const setup of this.setups) await setup(model);
    } catch (error) {
      this.logger.error({ err: error }, 'bus setup failed after connecting; reconnecting');
      throw error;
    }
    this.model = model;
  }

  private watch(recovering: RecoveringChannelModel): void {
    recovering.on('connect', () => this.logger.info('bus connected'));
    recovering.on('disconnect', (error) => {
      this.model = null;
      if (!this.closing) this.logger.warn({ err: error }, 'bus connection lost; reconnecting');
    });
    recovering.on('reconnect-scheduled', ({ attempt, delay }) => {
      this.logger.info({ attempt, delay }, 'bus reconnect scheduled');
    });
    recovering.on('reconnect-failed', (error) =>
      this.logger.error({ err: error }, 'bus gave up reconnecting'),
    );
    recovering.on('error', (error) => this.logger.warn({ err: error }, 'bus connection error'));
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<malformed url>';
  }
}

/** Heartbeats detect a silently dead TCP connection; amqplib takes them from the URL. */
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
