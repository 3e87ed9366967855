import express, { type Express } from 'express';
import { fileURLToPath } from 'node:url';
import type { BotApi } from '../methods/bot-api.js';
import type { SandboxCore } from '../state/sandbox-core.js';
import type { TelegramSandbox } from '../sandbox.js';
import { botApiRouter } from './bot-api-router.js';
import { userApiRouter } from './user-api-router.js';

const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));

/** The Bot API at the root (as api.telegram.org), the test API under /sandbox, the web page at /. */
export function createApp(
  core: SandboxCore,
  api: BotApi,
  sandbox: TelegramSandbox,
  trackHold: (release: () => void) => () => void,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(botApiRouter(core, api, trackHold));
  app.use('/sandbox', userApiRouter(sandbox));
  app.use(express.static(WEB_DIR));
  // Browsers ask for /favicon.ico whatever the page says; answer with the page's SVG icon.
  app.get('/favicon.ico', (_request, response) => {
    response.type('image/svg+xml').sendFile('favicon.svg', { root: WEB_DIR });
  });
  return app;
}
