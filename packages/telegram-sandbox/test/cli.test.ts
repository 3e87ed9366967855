import { freePort, startProcess } from '@fieldgram/testkit';
import { expect, it } from 'vitest';

it('starts on the given port with the given token, answers getMe, and stops on SIGTERM', async () => {
  const port = await freePort();
  const token = '123456789:AAFixedTokenForLocalStack_xyz';
  const child = startProcess({
    name: 'telegram-sandbox',
    entry: 'packages/telegram-sandbox/src/cli.ts',
    args: ['--port', String(port), '--token', token, '--username', 'fieldgram_bot', '--limits', 'off'],
    env: process.env,
  });
  try {
    const ready = await child.waitForLog((entry) => 'apiRoot' in entry, 20_000);
    expect(ready).toEqual({ apiRoot: `http://127.0.0.1:${port}`, token, username: 'fieldgram_bot' });
    const me = await fetch(`http://127.0.0.1:${port}/bot${token}/getMe`);
    expect(await me.json()).toMatchObject({
      ok: true,
      result: { id: 123456789, is_bot: true, username: 'fieldgram_bot' },
    });
    expect(child.lines().some((line) => line.includes('open http://127.0.0.1'))).toBe(true);
  } finally {
    expect(await child.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }
});
