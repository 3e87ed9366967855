import type { TelegramMessageEntity } from '../telegram-types.js';
import { byteOffset, EntityParseError } from './entity-parse-error.js';

export interface ParsedText {
  text: string;
  entities: TelegramMessageEntity[];
}

const SIMPLE_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const NAMED_CHARACTERS: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  name: string;
  start: number;
  /** Undefined for a tag that adds no entity of its own (<code> inside <pre>). */
  entity: Omit<TelegramMessageEntity, 'offset' | 'length'> | undefined;
}

/** parse_mode HTML, with Telegram's tags and its error texts for markup it refuses. */
export function parseHtml(source: string): ParsedText {
  let text = '';
  const entities: TelegramMessageEntity[] = [];
  const open: OpenTag[] = [];
  let index = 0;

  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === '&') {
      const match = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/.exec(source.slice(index));
      const decoded = match?.[1] === undefined ? undefined : decodeCharacter(match[1]);
      text += decoded ?? '&';
      index += decoded === undefined ? 1 : (match?.[0].length ?? 1);
      continue;
    }
    if (char !== '<') {
      text += char;
      index += 1;
      continue;
    }
    const end = source.indexOf('>', index);
    if (end === -1)
      throw new EntityParseError(`Unclosed start tag at byte offset ${byteOffset(source, index)}`);
    const tag = source.slice(index + 1, end);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (top === undefined || (name !== '' && name !== top.name)) {
        throw new EntityParseError(`Unexpected end tag at byte offset ${byteOffset(source, index)}`);
      }
      const entity = top.entity;
      if (entity !== undefined && text.length > top.start) {
        entities.push({ ...entity, offset: top.start, length: text.length - top.start });
      }
    } else {
      open.push({ ...startTag(tag, source, index, open), start: text.length });
    }
    index = end + 1;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) {
    throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function startTag(tag: string, source: string, index: number, open: OpenTag[]): Omit<OpenTag, 'start'> {
  const nameMatch = /^([a-zA-Z][\w-]*)\s*(.*)$/s.exec(tag);
  const name = nameMatch?.[1]?.toLowerCase() ?? '';
  const attributes = parseAttributes(nameMatch?.[2] ?? '');
  if (name === 'a') {
    const href = attributes.get('href') ?? '';
    return { name, entity: { type: 'text_link', url: href } };
  }
  if (name === 'span' && attributes.get('class') === 'tg-spoiler')
    return { name, entity: { type: 'spoiler' } };
  if (name === 'tg-emoji') {
    return { name, entity: { type: 'custom_emoji', custom_emoji_id: attributes.get('emoji-id') ?? '' } };
  }
  if (name === 'blockquote' && attributes.has('expandable')) {
    return { name, entity: { type: 'expandable_blockquote' } };
  }
  if (name === 'code' && open.at(-1)?.name === 'pre') {
    // <pre><code class="language-x"> is one pre entity with a language, not two entities.
    const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
    const pre = open.at(-1);
    if (pre !== undefined && language !== undefined) pre.entity = { type: 'pre', language };
    return { name, entity: undefined };
  }
  const type = SIMPLE_TAGS[name];
  if (type === undefined) {
    throw new EntityParseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, index)}`);
  }
  return { name, entity: { type } };
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) {
    const [, key, doubleQuoted, singleQuoted, bare] = match;
    if (key !== undefined)
      attributes.set(key.toLowerCase(), decodeAll(doubleQuoted ?? singleQuoted ?? bare ?? ''));
  }
  return attributes;
}

function decodeAll(text: string): string {
  return text.replace(
    /&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g,
    (whole, body: string) => decodeCharacter(body) ?? whole,
  );
}

function decodeCharacter(body: string): string | undefined {
  if (!body.startsWith('#')) return NAMED_CHARACTERS[body.toLowerCase()];
  const codePoint = body.startsWith('#x') ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
}
