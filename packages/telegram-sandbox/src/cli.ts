import { parseArgs } from 'node:util';
import { TelegramSandbox } from './sandbox.js';

// Runs the sandbox on its own, for a local stack or a person trying the bot without Telegram:
//   node --import tsx packages/telegram-sandbox/src/cli.ts --port 8081 [--host 127.0.0.1]
//     [--token <bot token>] [--username fieldgram_bot] [--limits off]
// Prints one JSON line {"apiRoot","token","username"}, then a line for people.

const USAGE =
  'usage: telegram-sandbox [--port 8081] [--host 127.0.0.1] [--token <id>:<secret>] [--username <bot username>] [--limits off]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8081' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      username: { type: 'string', default: 'fieldgram_bot' },
      limits: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port: not a port: ${values.port}`);
  if (values.limits !== undefined && values.limits !== 'off')
    throw new Error(`--limits: only "off" is accepted`);

  const sandbox = await TelegramSandbox.start({
    port,
    host: values.host,
    ...(values.limits === 'off' && { limits: 'off' as const }),
  });
  const bot = sandbox.createBot({
    username: values.username,
    firstName: 'Fieldgram',
    ...(values.token !== undefined && { token: values.token }),
  });
  console.log(JSON.stringify({ apiRoot: sandbox.apiRoot, token: bot.token, username: bot.username }));
  console.log(
    `Telegram sandbox: Bot API at ${sandbox.apiRoot} for @${bot.username}; ` +
      `open ${sandbox.apiRoot}/ in a browser to chat with the bot.`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Telegram sandbox: ${signal}, stopping`);
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`telegram-sandbox: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
});
