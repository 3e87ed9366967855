import { afterAll, beforeAll, expect, it } from 'vitest';
import { TelegramSandbox } from '../src/index.js';

// The chat page at / and everything it loads: nothing a browser asks for may 404.

let sandbox: TelegramSandbox;
let page: string;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  page = await (await fetch(`${sandbox.apiRoot}/`)).text();
});

afterAll(async () => {
  await sandbox.stop();
});

it('serves every asset the page links to', async () => {
  const assets = [...page.matchAll(/<(?:link|script)\b[^>]*\b(?:href|src)="([^":]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  expect(assets.sort()).toEqual(['app.js', 'favicon.svg', 'style.css']);
  for (const asset of assets) {
    const response = await fetch(`${sandbox.apiRoot}/${asset}`);
    expect([asset, response.status]).toEqual([asset, 200]);
  }
});

it('has a favicon, at /favicon.ico too, where browsers look without asking the page', async () => {
  expect(page).toMatch(/<link rel="icon" href="favicon.svg" type="image\/svg\+xml"/);
  const icon = await fetch(`${sandbox.apiRoot}/favicon.ico`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  expect(await icon.text()).toMatch(/^<svg /);
});

it('has the "Open a t.me link" field, and the script honours ?link= (S0-02)', async () => {
  expect(page).toMatch(/<form id="open-link">\s*<label for="link">Open a t.me link<\/label>/);
  const script = await (await fetch(`${sandbox.apiRoot}/app.js`)).text();
  expect(script).toContain("postJson('/open'");
  expect(script).toContain("params.get('link')");
});

it('renders emoji: the page font stack ends in the platforms’ colour emoji fonts', async () => {
  const css = await (await fetch(`${sandbox.apiRoot}/style.css`)).text();
  expect(css).toMatch(/'Apple Color Emoji',\s*'Segoe UI Emoji',\s*'Noto Color Emoji',\s*sans-serif;/);
});
