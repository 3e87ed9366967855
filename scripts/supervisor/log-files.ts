import { createWriteStream, existsSync, mkdirSync, renameSync, type WriteStream } from 'node:fs';
import path from 'node:path';

/**
 * One log file per service in `dir` (`identity.log`), JSON lines as the service wrote them. The
 * previous run's file is kept as `identity.log.1`, so a crash can be read after a restart
 * without the files growing forever.
 */
export class LogFiles {
  private readonly streams = new Map<string, WriteStream>();

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  pathOf(name: string): string {
    return path.join(this.dir, `${name}.log`);
  }

  write(name: string, line: string): void {
    this.streamOf(name).write(`${line}\n`);
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map((stream) => new Promise<void>((resolve) => stream.end(resolve))),
    );
    this.streams.clear();
  }

  private streamOf(name: string): WriteStream {
    let stream = this.streams.get(name);
    if (!stream) {
      const file = this.pathOf(name);
      if (existsSync(file)) renameSync(file, `${file}.1`);
      stream = createWriteStream(file, { flags: 'a' });
      this.streams.set(name, stream);
    }
    return stream;
  }
}
