import type { Response } from 'express';
import type { Logger } from 'pino';
import type { FeedItem } from '@fieldgram/contracts';

export const MAX_STREAMS_PER_USER = 10;

export interface OpenStream {
  userId: string;
  response: Response;
  heartbeat: NodeJS.Timeout;
}

/**
 * The SSE streams open on this instance, by recipient. Each instance hears every
 * `notification.created` (its own queue) and writes an item to the recipient's streams here.
 */
export class StreamHub {
  private readonly byUser = new Map<string, Set<OpenStream>>();

  constructor(
    private readonly logger: Logger,
    private readonly heartbeatMs: number,
  ) {}

  count(userId?: string): number {
    if (userId !== undefined) return this.byUser.get(userId)?.size ?? 0;
    let total = 0;
    for (const streams of this.byUser.values()) total += streams.size;
    return total;
  }

  /** Takes over the response as an event stream; it stays open until the client leaves or we stop. */
  open(userId: string, response: Response): OpenStream {
    response.status(200);
    response.set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx and similar proxies must not buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    response.write('retry: 5000\n\n');
    const stream: OpenStream = {
      userId,
      response,
      heartbeat: setInterval(() => this.write(stream, ': heartbeat\n\n'), this.heartbeatMs),
    };
    stream.heartbeat.unref();
    let streams = this.byUser.get(userId);
    if (!streams) this.byUser.set(userId, (streams = new Set()));
    streams.add(stream);
    response.on('close', () => this.remove(stream));
    return stream;
  }

  send(stream: OpenStream, event: string, data: unknown, id?: string): void {
    this.write(stream, `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A feed item to every stream its recipient has open here. */
  deliver(item: FeedItem): number {
    const streams = this.byUser.get(item.recipientId);
    if (!streams) return 0;
    for (const stream of streams) this.send(stream, 'notification', item, item.id);
    return streams.size;
  }

  /** Ends every stream (shutdown): clients reconnect to another instance. */
  closeAll(): void {
    for (const streams of this.byUser.values()) {
      for (const stream of streams) {
        this.remove(stream);
        stream.response.end();
      }
    }
  }

  private write(stream: OpenStream, chunk: string): void {
    if (stream.response.writableEnded || stream.response.destroyed) {
      this.remove(stream);
      return;
    }
    try {
      stream.response.write(chunk);
    } catch (error) {
      this.logger.debug({ err: error }, 'writing to an event stream failed; dropping it');
      this.remove(stream);
    }
  }

  private remove(stream: OpenStream): void {
    clearInterval(stream.heartbeat);
    const streams = this.byUser.get(stream.userId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.byUser.delete(stream.userId);
  }
}
