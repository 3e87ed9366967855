import { describe, expect, it } from 'vitest';
import { BotApiError } from '../methods/bot-api-error.js';
import { formatText, trimFormatted } from './format-text.js';

function parseError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BotApiError) return error.description;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parse_mode HTML', () => {
  it('turns tags into entities with UTF-16 offsets and decodes character references', () => {
    expect(formatText('Привет, <b>Анна</b> 👋 <i>x &lt; y &amp;&#33;</i>', 'HTML', undefined)).toEqual({
      text: 'Привет, Анна 👋 x < y &!',
      entities: [
        { type: 'bold', offset: 8, length: 4 },
        { type: 'italic', offset: 16, length: 8 },
      ],
    });
  });

  it('nests entities, links, spoilers and pre with a language', () => {
    expect(
      formatText(
        '<b>bold <u>both</u></b> <a href="https://x.org/?a=1&amp;b=2">link</a> <span class="tg-spoiler">s</span> <pre><code class="language-ts">x</code></pre>',
        'HTML',
        undefined,
      ),
    ).toEqual({
      text: 'bold both link s x',
      entities: [
        { type: 'bold', offset: 0, length: 9 },
        { type: 'underline', offset: 5, length: 4 },
        { type: 'text_link', offset: 10, length: 4, url: 'https://x.org/?a=1&b=2' },
        { type: 'spoiler', offset: 15, length: 1 },
        { type: 'pre', offset: 17, length: 1, language: 'ts' },
      ],
    });
  });

  it('refuses what Telegram refuses, with its texts and UTF-8 byte offsets', () => {
    expect(parseError(() => formatText('Ёж <unknown>', 'HTML', undefined))).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "unknown" at byte offset 5',
    );
    expect(parseError(() => formatText('<b>open', 'HTML', undefined))).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(parseError(() => formatText('<b>x</i>', 'HTML', undefined))).toBe(
      "Bad Request: can't parse entities: Unexpected end tag at byte offset 4",
    );
  });
});

describe('parse_mode MarkdownV2', () => {
  it('parses markup and escapes', () => {
    expect(
      formatText(
        '*bold _both_* __u__ ~s~ ||sp|| `a\\`b` [site](https://x.org/a\\)b) 1\\.5',
        'MarkdownV2',
        undefined,
      ),
    ).toEqual({
      text: 'bold both u s sp a`b site 1.5',
      entities: [
        { type: 'bold', offset: 0, length: 9 },
        { type: 'italic', offset: 5, length: 4 },
        { type: 'underline', offset: 10, length: 1 },
        { type: 'strikethrough', offset: 12, length: 1 },
        { type: 'spoiler', offset: 14, length: 2 },
        { type: 'code', offset: 17, length: 3 },
        { type: 'text_link', offset: 21, length: 4, url: 'https://x.org/a)b' },
      ],
    });
    expect(formatText('```python\nprint(1)\n```', 'MarkdownV2', undefined)).toEqual({
      text: 'print(1)\n',
      entities: [{ type: 'pre', offset: 0, length: 9, language: 'python' }],
    });
  });

  it('refuses unescaped reserved characters and unclosed entities', () => {
    expect(parseError(() => formatText('Order #42', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Character '#' is reserved and must be escaped with the preceding '\\'",
    );
    expect(parseError(() => formatText('*open', 'MarkdownV2', undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0",
    );
  });
});

describe('parse_mode Markdown (legacy)', () => {
  it('parses the four markups and leaves other characters alone', () => {
    expect(
      formatText('*Order* #42 costs 5.00 - _today_ [map](https://x.org)', 'Markdown', undefined),
    ).toEqual({
      text: 'Order #42 costs 5.00 - today map',
      entities: [
        { type: 'bold', offset: 0, length: 5 },
        { type: 'italic', offset: 23, length: 5 },
        { type: 'text_link', offset: 29, length: 3, url: 'https://x.org' },
      ],
    });
    expect(parseError(() => formatText('snake_case', 'Markdown', undefined))).toBe(
      "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 5",
    );
  });
});

describe('no parse_mode', () => {
  it('keeps the text and explicit entities; trimming moves the entities with the text', () => {
    const entities = [{ type: 'bold', offset: 2, length: 3 }];
    expect(formatText('  abc  ', undefined, entities)).toEqual({ text: '  abc  ', entities });
    expect(trimFormatted({ text: '  abc  ', entities })).toEqual({
      text: 'abc',
      entities: [{ type: 'bold', offset: 0, length: 3 }],
    });
  });
});
