/** What a bot deep link points at: the bot, and the /start payload if the link carries one. */
export interface DeepLink {
  /** Without the @, as written in the link (usernames compare case-insensitively). */
  botUsername: string;
  payload: string | undefined;
}

export type DeepLinkProblem =
  'not_a_bot_link' | 'bad_payload' | 'conflicting_options' | 'unknown_bot' | 'ambiguous_bot' | 'unknown_user';

/** A link the sandbox cannot open, with why, so the HTTP API can tell bad input from a missing bot. */
export class DeepLinkError extends Error {
  constructor(
    readonly problem: DeepLinkProblem,
    message: string,
  ) {
    super(message);
  }
}

const TELEGRAM_HOSTS = new Set(['t.me', 'telegram.me', 'telegram.dog']);
// Telegram's username rule: 5-32 characters, a letter first. Looser here, since sandbox bots
// may be created with any name; the link must still read as one username.
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
// Telegram's rule for the start parameter (Bot API, "Deep linking").
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;
// Links that open something other than the bot's private chat.
const OTHER_START_PARAMETERS = ['startgroup', 'startchannel', 'startapp', 'startattach'];

/**
 * Reads `https://t.me/<bot>?start=<payload>` (also http://, no scheme, telegram.me) and
 * `tg://resolve?domain=<bot>&start=<payload>`, with or without the payload. A payload that
 * Telegram would not pass on (over 64 characters, or outside A-Za-z0-9_-) is refused.
 */
export function parseDeepLink(link: string): DeepLink {
  const text = link.trim();
  const url = parsedUrl(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  if (url === undefined) throw notABotLink(link, 'it is not a URL');

  let botUsername: string | undefined;
  if (url.protocol === 'tg:') {
    if (url.hostname !== 'resolve' && url.pathname !== 'resolve') {
      throw notABotLink(link, 'a tg:// link to a bot reads tg://resolve?domain=<bot>');
    }
    botUsername = url.searchParams.get('domain') ?? undefined;
    if (botUsername === undefined) throw notABotLink(link, 'it has no domain=<bot username>');
  } else if (url.protocol === 'https:' || url.protocol === 'http:') {
    const host = url.hostname.replace(/^www\./, '');
    if (!TELEGRAM_HOSTS.has(host)) throw notABotLink(link, `${url.hostname} is not t.me`);
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    if (segments.length !== 1) throw notABotLink(link, 'it does not name one bot (t.me/<bot username>)');
    botUsername = segments[0] ?? '';
  } else {
    throw notABotLink(link, `${url.protocol}// links are not Telegram links`);
  }

  botUsername = botUsername.replace(/^@/, '');
  if (!USERNAME.test(botUsername)) {
    throw notABotLink(link, `"${botUsername}" is not a Telegram username`);
  }
  const other = OTHER_START_PARAMETERS.find((name) => url.searchParams.has(name));
  if (other !== undefined) {
    throw notABotLink(link, `${other}= opens a group, channel or app, not the bot's chat; use start=`);
  }

  const payload = url.searchParams.get('start') ?? '';
  if (payload === '') return { botUsername, payload: undefined };
  if (!START_PAYLOAD.test(payload)) {
    throw new DeepLinkError(
      'bad_payload',
      `the start payload ${JSON.stringify(payload)} is refused, as Telegram refuses it: ` +
        'at most 64 characters of A-Z, a-z, 0-9, _ and -',
    );
  }
  return { botUsername, payload };
}

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function notABotLink(link: string, why: string): DeepLinkError {
  return new DeepLinkError(
    'not_a_bot_link',
    `cannot open ${JSON.stringify(link)}: ${why}; expected https://t.me/<bot>?start=<payload> ` +
      'or tg://resolve?domain=<bot>&start=<payload>',
  );
}
