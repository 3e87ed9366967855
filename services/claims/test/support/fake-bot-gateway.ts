import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClaimFile } from '@fieldgram/contracts';
import { DependencyUnavailableError, DomainError, LocalDirectoryStorage } from '@fieldgram/platform';
import { fakeResponder, type Closable, type TestEnv } from '@fieldgram/testkit';

const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/**
 * Stands in for bot-gateway's `bot-gateway.store-file`: copies the bytes of files a test sent
 * (as Telegram would hand them over) into a temporary object storage, refuses one over 20 MB as
 * bot-gateway does (`validation`, reason `too_big`), and can play an outage (`down`) or failures
 * (`failNext`). The real command against the sandbox is bot-gateway's own test.
 */
export class FakeBotGateway implements Closable {
  /** Every copy asked for, in order (a retried one appears again). */
  readonly asked: { fileId: string; storageKey: string; contentType?: string }[] = [];
  /** Answers "Telegram is unavailable" while true. */
  down = false;
  private failures = 0;
  private readonly bytes = new Map<string, Buffer>();
  private responder: Closable | undefined;
  private seq = 0;

  private constructor(
    readonly storage: LocalDirectoryStorage,
    private readonly dir: string,
  ) {}

  static async start(this: void, env: TestEnv): Promise<FakeBotGateway> {
    const dir = await mkdtemp(path.join(tmpdir(), 'fg-claims-objects-'));
    const gateway = new FakeBotGateway(new LocalDirectoryStorage(dir), dir);
    gateway.responder = await fakeResponder(env, {
      'bot-gateway.store-file': async (data) => {
        gateway.asked.push(data);
        if (gateway.down) throw new DependencyUnavailableError('Telegram is unavailable (fake)');
        if (gateway.failures > 0) {
          gateway.failures--;
          throw new Error('the copy failed (fake)');
        }
        const bytes = gateway.bytes.get(data.fileId);
        if (!bytes)
          throw new DomainError('validation', 'Telegram refused the file', {
            field: 'fileId',
            reason: 'refused',
          });
        if (bytes.length > MAX_DOWNLOAD_BYTES)
          throw new DomainError('validation', 'over 20 MB', { field: 'fileId', reason: 'too_big' });
        await gateway.storage.put(data.storageKey, bytes, data.contentType ?? 'application/octet-stream');
        return { storageKey: data.storageKey, fileSize: bytes.length };
      },
    });
    return gateway;
  }

  /** A photo a client sent the bot: its file as a claim names it. */
  photo(bytes = Buffer.from(`jpeg ${++this.seq}`)): ClaimFile {
    return this.sent(
      { kind: 'photo', fileId: `AgAC-${++this.seq}`, fileUniqueId: `AQAD-${this.seq}` },
      bytes,
    );
  }

  /** A document (a scan) a client sent the bot. */
  document(bytes: Buffer, fileName = 'scan.pdf'): ClaimFile {
    const file: ClaimFile = {
      kind: 'document',
      fileId: `BQAC-${++this.seq}`,
      fileUniqueId: `AgAD-${this.seq}`,
      fileName,
      mimeType: 'application/pdf',
      fileSize: bytes.length,
    };
    return this.sent(file, bytes);
  }

  /** The next `count` copies fail with an error (not an outage). */
  failNext(count: number): void {
    this.failures = count;
  }

  async close(): Promise<void> {
    await this.responder?.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  private sent(file: ClaimFile, bytes: Buffer): ClaimFile {
    this.bytes.set(file.fileId, bytes);
    return file;
  }
}
