// `npm start` as a newcomer and an operator meet it (issue 11): production refuses to start
// without real secrets; a local start prints one ready line, keeps the services' logs out of the
// terminal, answers the first login at once on a fresh broker, and stops every service gracefully
// on Ctrl-C.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EX_CONFIG } from '@fieldgram/platform';
import { ApiClient, SERVICE_NAMES, freePortBlock, useTestEnv, waitFor } from '@fieldgram/testkit';
import { t } from '@fieldgram/bot-ui';
import { SANDBOX_TOKEN } from '../scripts/supervisor/sandbox.js';
import { npmStart, type NpmStart } from './support/npm-start.js';

const env = useTestEnv('npm-start');
const temporary: string[] = [];
const tempDir = (label: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `fg-start-${label}-`));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Every port npm start takes, in one block outside the OS's ephemeral range (see freePortBlock). */
async function startPorts(): Promise<Record<string, string>> {
  const base = await freePortBlock(SERVICE_NAMES.length + 2);
  return {
    FG_OPS_PORT_BASE: String(base),
    FG_SANDBOX_PORT: String(base + SERVICE_NAMES.length),
    API_PORT: String(base + SERVICE_NAMES.length + 1),
  };
}

/** This TestEnv's servers and private ports; no bot token, no secrets, no admin given. */
async function startEnv(extra: Record<string, string> = {}): Promise<Record<string, string | undefined>> {
  const processEnv: Record<string, string | undefined> = env().processEnv({
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    FG_STATE_DIR: tempDir('state'),
    OBJECT_STORAGE_DIR: tempDir('objects'),
    ...(await startPorts()),
    ...extra,
  });
  for (const name of [
    'TELEGRAM_BOT_TOKEN',
    'TELEGRAM_API_ROOT',
    'JWT_SECRET',
    'SECRETS_KEY',
    'ADMIN_LOGIN',
    'ADMIN_PASSWORD',
  ])
    if (!(name in extra)) delete processEnv[name];
  return processEnv;
}

async function postJson<T = unknown>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Whether the bot's messages in the user's chat come to include `text` within 15 s. */
async function botSays(sandbox: string, chatId: number, text: string): Promise<boolean> {
  return waitFor(
    async () => {
      const events = (await (
        await fetch(`${sandbox}/bots/${SANDBOX_TOKEN}/chats/${chatId}/events?after=0`)
      ).json()) as { kind: string; message?: { text?: string; from?: { is_bot?: boolean } } }[];
      return events.some((event) => event.kind === 'message' && event.message?.text === text);
    },
    { message: `the bot to say ${JSON.stringify(text)}`, timeoutMs: 15_000 },
  );
}

describe('npm start with NODE_ENV=production', () => {
  it('refuses to start without JWT_SECRET and SECRETS_KEY, naming both (exit 78)', async () => {
    const startEnvironment = await startEnv({ NODE_ENV: 'production' });
    const start = npmStart(startEnvironment);
    const status = await start.finished;
    expect(status.code).toBe(EX_CONFIG);
    expect(start.stderr()).toContain('JWT_SECRET: required when NODE_ENV=production');
    expect(start.stderr()).toContain('SECRETS_KEY: required when NODE_ENV=production');
    expect(start.lines().join('\n')).not.toContain('starting');
    // Nothing was generated in its place.
    expect(readdirSync(startEnvironment.FG_STATE_DIR!)).toEqual([]);
  });

  it('stops with exit 78 when a service refuses its configuration (identity: no admin to make)', async () => {
    const start = npmStart(
      await startEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'a production secret of at least 32 characters',
        SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
      }),
    );
    const status = await start.finished;
    expect(status.code).toBe(EX_CONFIG);
    const output = start.lines().join('\n');
    // The host names the service a problem is of.
    expect(output).toContain('ADMIN_LOGIN (identity): required when NODE_ENV=production');
    expect(output).toContain('fieldgram refused its configuration (exit 78)');
    expect(output).not.toContain('restarting');
  });
});

describe('npm start on a fresh broker, then Ctrl-C', () => {
  let start: NpmStart;
  let startEnvironment: Record<string, string | undefined>;
  let readyLine = '';

  beforeAll(async () => {
    startEnvironment = await startEnv();
    start = npmStart(startEnvironment);
    readyLine = await start.waitForLine(/^fieldgram is ready/, 90_000).catch((error: unknown) => {
      start.kill();
      throw error;
    });
  }, 120_000);
  afterAll(() => start?.kill());

  it('prints one ready line saying where to go and how to sign in', () => {
    const sandboxUrl = `http://127.0.0.1:${startEnvironment.FG_SANDBOX_PORT}/`;
    const apiUrl = `http://127.0.0.1:${startEnvironment.API_PORT}/api/v1`;
    expect(readyLine).toBe(
      `fieldgram is ready: bot sandbox ${sandboxUrl} · API ${apiUrl} · sign in admin/admin (change it)`,
    );
    expect(start.lines().filter((line) => line.startsWith('fieldgram is ready'))).toHaveLength(1);
  });

  it('keeps the services’ info logs in .fieldgram/logs, out of the terminal; warnings stay visible', () => {
    const terminal = start.lines().join('\n');
    expect(terminal).not.toContain('service started');
    expect(terminal).not.toContain('"level":30');
    // identity's default-admin warning is one the person must see.
    // Not a TTY here, so as JSON lines (a terminal gets them pretty-printed).
    expect(
      start.lines().some((line) => line.includes('"service":"identity"') && line.includes('admin/admin')),
    ).toBe(true);
    const logDir = path.join(startEnvironment.FG_STATE_DIR!, 'logs');
    for (const service of SERVICE_NAMES) {
      const log = readFileSync(path.join(logDir, `${service}.log`), 'utf8');
      expect(log, service).toContain('"msg":"service started"');
    }
  });

  it('answers the first admin login at once: the API was ready only once the services it asks were', async () => {
    const api = new ApiClient(`http://127.0.0.1:${startEnvironment.API_PORT}/api/v1`);
    const login = await api.call('POST', '/auth/login', { login: 'admin', password: 'admin' });
    expect(login.status).toBe(200);
  });

  it('walks the README’s “Try it” as written: client /start, API login, join link opened in the sandbox, password change', async () => {
    const sandbox = `http://127.0.0.1:${startEnvironment.FG_SANDBOX_PORT}/sandbox`;
    const apiUrl = `http://127.0.0.1:${startEnvironment.API_PORT}/api/v1`;
    // 2. A new user on the sandbox page sends /start: a client.
    const ann = await postJson<{ id: number }>(`${sandbox}/users`, { firstName: 'Ann', languageCode: 'en' });
    await postJson(`${sandbox}/users/${ann.id}/sendCommand`, { botToken: SANDBOX_TOKEN, command: 'start' });
    expect(await botSays(sandbox, ann.id, t('en', 'welcome.client', { name: 'Ann' }))).toBe(true);
    // 3. Sign in.
    const admin = await ApiClient.login(apiUrl, 'admin', 'admin');
    // 4. The join link, opened in the sandbox by another new user: a technician, and the admin is told.
    const join = (await admin.call('GET', '/invites/join-link')).body as {
      link: string;
      startPayload: string;
      qrUrl: string;
    };
    expect(join.link).toBe(`https://t.me/fieldgram_bot?start=${join.startPayload}`);
    expect(join.qrUrl).toMatch(new RegExp(`^${apiUrl}/invites/[\\w-]+/qr$`));
    const opened = await fetch(
      `${sandbox}/open?${new URLSearchParams({ link: join.link, firstName: 'Ivan' })}`,
    );
    expect(opened.status).toBe(200);
    const ivan = (await opened.json()) as { userId: number; payload: string };
    expect(ivan.payload).toBe(join.startPayload);
    expect(await botSays(sandbox, ivan.userId, t('en', 'welcome.technician', { name: 'Ivan' }))).toBe(true);
    await waitFor(
      async () => {
        const feed = (await admin.call('GET', '/notifications')).body as { items: { text: string }[] };
        return feed.items.some((item) => item.text.includes('(Ivan'));
      },
      { message: 'the admin’s feed tells of the new technician', timeoutMs: 10_000 },
    );
    // 5. Change the admin password.
    const changed = await admin.call('POST', '/auth/password', {
      currentPassword: 'admin',
      newPassword: 'a password of our own',
    });
    expect(changed.status).toBe(200);
    await ApiClient.login(apiUrl, 'admin', 'a password of our own');
  });

  it('stops every service gracefully on Ctrl-C: each drains once, none hears a second signal', async () => {
    start.interrupt();
    await start.finished;
    const terminal = start.lines();
    for (const service of SERVICE_NAMES)
      expect(
        terminal.some((line) => line.startsWith(`[start] ${service} stopped (drained in`)),
        service,
      ).toBe(true);
    expect(terminal).toContain('[start] every service stopped');
    const logDir = path.join(startEnvironment.FG_STATE_DIR!, 'logs');
    for (const service of SERVICE_NAMES) {
      const log = readFileSync(path.join(logDir, `${service}.log`), 'utf8');
      expect(log, service).toContain('"msg":"service stopped"');
      expect(log, service).not.toContain('second signal');
      expect(log, service).toContain('"reason":"SIGTERM"');
    }
    expect(terminal.join('\n')).not.toContain('second signal');
    expect(existsSync(logDir)).toBe(true);
  });
});

describe('npm start with FIELDGRAM_MODE=split (issue 15)', () => {
  it('runs each service as a process of its own, ready once all are, and drains each on Ctrl-C', async () => {
    const startEnvironment = await startEnv({ FIELDGRAM_MODE: 'split' });
    const start = npmStart(startEnvironment);
    try {
      await start.waitForLine(/^fieldgram is ready/, 90_000);
      const base = Number(startEnvironment.FG_OPS_PORT_BASE);
      // Each service answers on its own ops port, with only its own parts.
      const reports = await Promise.all(
        SERVICE_NAMES.map(async (_, index) => {
          const response = await fetch(`http://127.0.0.1:${base + index}/readyz`);
          return Object.keys(((await response.json()) as { checks: Record<string, boolean> }).checks);
        }),
      );
      // (a host of several would name them `<service>.database`)
      for (const checks of reports) {
        expect(checks).toContain('database');
        expect(checks.filter((check) => check.endsWith('.database'))).toEqual([]);
      }
    } catch (error) {
      start.kill();
      throw error;
    }
    start.interrupt();
    await start.finished;
    const terminal = start.lines();
    for (const service of SERVICE_NAMES)
      expect(terminal.some((line) => line.startsWith(`[start] ${service} stopped (drained in`))).toBe(true);
    expect(terminal.join('\n')).not.toContain('second signal');
  }, 120_000);
});
