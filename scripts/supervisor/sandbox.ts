import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const SANDBOX_TOKEN = '100000001:fieldgram-local-sandbox-token';

export interface RunningSandbox {
  /** The Bot API root the gateway talks to; its web page is served there too. */
  apiRoot: string;
  stop(): Promise<void>;
}

/**
 * The built-in Telegram sandbox (DESIGN §9): a Bot API emulator with a web page where a person
 * chats with the bot, no Telegram account needed. Started in its own process group so a Ctrl-C
 * leaves it up until the services it serves have stopped.
 */
export async function startSandbox(options: {
  root: string;
  port: number;
  say: (text: string) => void;
}): Promise<RunningSandbox> {
  const cli = path.join(options.root, 'packages/telegram-sandbox/src/cli.ts');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      cli,
      '--port',
      String(options.port),
      '--token',
      SANDBOX_TOKEN,
      '--username',
      'fieldgram_bot',
    ],
    { cwd: options.root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  createInterface({ input: child.stderr }).on('line', (line) => options.say(`sandbox: ${line}`));
  const ready = await new Promise<{ apiRoot: string }>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as { apiRoot: string });
      else options.say(`sandbox: ${line}`);
    });
    child.once('exit', (code) =>
      reject(new Error(`the Telegram sandbox exited (${code}) before it was ready`)),
    );
  });
  return { apiRoot: ready.apiRoot, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
