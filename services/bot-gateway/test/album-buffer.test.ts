// S1-03: an album's parts that reach a busy gateway after the first were sent are a second event
// of the same album (conversation adds them to it), never dropped as a duplicate of the first; the
// same parts sent again after a crash keep their event id, so every consumer's inbox drops them.
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createRedis } from '@fieldgram/platform';
import { useTestEnv } from '@fieldgram/testkit';
import type { AlbumPart, InboundEvent } from '../src/domain/normalize-update.js';
import { AlbumBuffer } from '../src/ingress/album-buffer.js';

const env = useTestEnv('gw-albums');
const logger = pino({ level: 'silent' });
const WAIT_MS = 700;

const part = (messageId: number): AlbumPart => ({
  updateId: 1_000 + messageId,
  chat: { id: 42, type: 'private' },
  from: { id: 42, isBot: false, firstName: 'Anna' },
  date: 1_800_000_000,
  messageId,
  mediaGroupId: 'g-7',
  file: { kind: 'photo', fileId: `f-${messageId}`, fileUniqueId: `u-${messageId}` },
});

describe('the album buffer', () => {
  const published: { event: InboundEvent; id: string }[] = [];
  const redis = () => createRedis({ url: env().redisUrl, keyPrefix: env().redisPrefix, logger });
  const connections: ReturnType<typeof redis>[] = [];
  const buffer = () => {
    const connection = redis();
    connections.push(connection);
    return new AlbumBuffer({
      redis: connection,
      publish: (event, id) => {
        published.push({ event, id });
        return Promise.resolve();
      },
      botId: () => 7,
      logger,
      waitMs: WAIT_MS,
    });
  };
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit()));
  });

  it('sends a late part as another event of the album, each part once', async () => {
    const albums = buffer();
    // `later` is a moment past the quiet time of every part added so far.
    const later = () => Date.now() + WAIT_MS + 50;
    await albums.add('7:42:g-7', part(1));
    await albums.add('7:42:g-7', part(2));
    expect(await albums.flushDue(later())).toBe(1);
    await albums.add('7:42:g-7', part(3));
    expect(await albums.flushDue(later())).toBe(1);
    expect(await albums.flushDue(later())).toBe(0);

    const media = published.map(({ event, id }) => ({
      id,
      data: event.data as { messageIds: number[]; mediaGroupId?: string },
    }));
    expect(media.map((m) => m.data.messageIds)).toEqual([[1, 2], [3]]);
    expect(media.map((m) => m.data.mediaGroupId)).toEqual(['g-7', 'g-7']);
    expect(new Set(media.map((m) => m.id)).size).toBe(2);
  });

  it('gives the same parts the same event id, whatever order they came in', async () => {
    published.length = 0;
    const albums = buffer();
    const later = () => Date.now() + WAIT_MS + 50;
    await albums.add('7:42:g-8', part(12));
    await albums.add('7:42:g-8', part(11));
    await albums.flushDue(later());
    // A gateway that died after publishing, before trimming, would send them again.
    await albums.add('7:42:g-8', part(11));
    await albums.add('7:42:g-8', part(12));
    await albums.flushDue(later());
    expect(published).toHaveLength(2);
    expect(published[0]!.id).toBe(published[1]!.id);
  });
});
