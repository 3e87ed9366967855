import { describe, expect, it } from 'vitest';
import { DeepLinkError, parseDeepLink } from './deep-link.js';

function problemOf(link: string): string {
  try {
    parseDeepLink(link);
  } catch (error) {
    if (error instanceof DeepLinkError) return `${error.problem}: ${error.message}`;
    throw error;
  }
  throw new Error(`${link} was read as a deep link`);
}

describe('parseDeepLink (S0-02: the join link a newcomer opens)', () => {
  it.each([
    ['https://t.me/fieldgram_bot?start=i_abc-42', 'fieldgram_bot', 'i_abc-42'],
    ['http://t.me/fieldgram_bot?start=i_abc', 'fieldgram_bot', 'i_abc'],
    ['t.me/fieldgram_bot?start=i_abc', 'fieldgram_bot', 'i_abc'],
    ['  https://T.ME/Fieldgram_Bot/?start=x  ', 'Fieldgram_Bot', 'x'],
    ['https://telegram.me/fieldgram_bot?start=x', 'fieldgram_bot', 'x'],
    ['https://www.t.me/fieldgram_bot?start=x&other=1', 'fieldgram_bot', 'x'],
    ['https://t.me/fieldgram_bot?start=a%2Db', 'fieldgram_bot', 'a-b'],
    ['tg://resolve?domain=fieldgram_bot&start=l_Tk3x', 'fieldgram_bot', 'l_Tk3x'],
    ['tg:resolve?domain=@fieldgram_bot&start=l_Tk3x', 'fieldgram_bot', 'l_Tk3x'],
  ])('reads %s', (link, botUsername, payload) => {
    expect(parseDeepLink(link)).toEqual({ botUsername, payload });
  });

  it.each([
    'https://t.me/fieldgram_bot',
    't.me/fieldgram_bot',
    'https://t.me/fieldgram_bot?start=',
    'tg://resolve?domain=fieldgram_bot',
  ])('reads %s as a plain /start', (link) => {
    expect(parseDeepLink(link)).toEqual({ botUsername: 'fieldgram_bot', payload: undefined });
  });

  it('accepts a payload of exactly 64 characters and refuses 65, as Telegram does', () => {
    expect(parseDeepLink(`https://t.me/b_bot?start=${'a'.repeat(64)}`).payload).toHaveLength(64);
    expect(problemOf(`https://t.me/b_bot?start=${'a'.repeat(65)}`)).toMatch(
      /^bad_payload: .*at most 64 characters of A-Z, a-z, 0-9, _ and -/,
    );
  });

  it.each(['a b', 'a+b', 'inv.42', 'приглашение', 'a%2Fb', 'x=y'])('refuses the payload %j', (payload) => {
    expect(problemOf(`https://t.me/b_bot?start=${payload}`)).toMatch(/^bad_payload: the start payload/);
  });

  it.each([
    ['https://example.com/fieldgram_bot?start=x', /example\.com is not t\.me/],
    ['https://t.me/', /does not name one bot/],
    ['https://t.me/c/123/45', /does not name one bot/],
    ['https://t.me/+AbCdEf', /"\+AbCdEf" is not a Telegram username/],
    ['https://t.me/%E2%82%AC', /is not a Telegram username/],
    ['tg://msg?text=hi', /tg:\/\/resolve\?domain=<bot>/],
    ['tg://resolve?phone=15550001', /no domain=<bot username>/],
    ['mailto:bot@t.me', /mailto:\/\/ links are not Telegram links/],
    ['https://t.me/fieldgram_bot?startgroup=x', /startgroup= opens a group/],
    ['not a link at all', /it is not a URL/],
  ])('refuses %s: not a bot link', (link, why) => {
    const problem = problemOf(link);
    expect(problem).toMatch(
      /^not_a_bot_link: cannot open .*expected https:\/\/t\.me\/<bot>\?start=<payload>/,
    );
    expect(problem).toMatch(why);
  });
});
