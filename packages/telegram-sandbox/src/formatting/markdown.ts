import type { TelegramMessageEntity } from '../telegram-types.js';
import { byteOffset, EntityParseError } from './entity-parse-error.js';
import type { ParsedText } from './html.js';

const RESERVED_V2 = new Set('_*[]()~`>#+-=|{}.!'.split(''));
const ENTITY_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
};

interface OpenEntity {
  type: string;
  start: number;
  sourceIndex: number;
}

/** parse_mode MarkdownV2: every reserved character outside markup must be escaped with '\'. */
export function parseMarkdownV2(source: string): ParsedText {
  return new MarkdownParser(source, 'v2').parse();
}

/** The legacy parse_mode Markdown: *bold*, _italic_, `code`, ```pre``` and [text](url). */
export function parseLegacyMarkdown(source: string): ParsedText {
  return new MarkdownParser(source, 'legacy').parse();
}

class MarkdownParser {
  private text = '';
  private index = 0;
  private readonly entities: TelegramMessageEntity[] = [];
  private readonly open: OpenEntity[] = [];

  constructor(
    private readonly source: string,
    private readonly dialect: 'v2' | 'legacy',
  ) {}

  parse(): ParsedText {
    const { source } = this;
    while (this.index < source.length) {
      const char = source[this.index] ?? '';
      const next = source[this.index + 1];
      if (char === '\\' && next !== undefined && (this.dialect === 'v2' || '_*`['.includes(next))) {
        this.text += next;
        this.index += 2;
      } else if (char === '`') {
        this.code();
      } else if (char === '*') {
        this.toggle('bold', 1);
      } else if (char === '_' && next === '_' && this.dialect === 'v2') {
        this.toggle('underline', 2);
      } else if (char === '_') {
        this.toggle('italic', 1);
      } else if (char === '~' && this.dialect === 'v2') {
        this.toggle('strikethrough', 1);
      } else if (char === '|' && next === '|' && this.dialect === 'v2') {
        this.toggle('spoiler', 2);
      } else if (char === '[') {
        this.open.push({ type: 'text_link', start: this.text.length, sourceIndex: this.index });
        this.index += 1;
      } else if (char === ']' && this.open.at(-1)?.type === 'text_link') {
        this.closeLink();
      } else if (this.dialect === 'v2' && RESERVED_V2.has(char)) {
        throw new EntityParseError(
          `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
        );
      } else {
        this.text += char;
        this.index += 1;
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed !== undefined) throw this.unclosed(unclosed);
    this.entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text: this.text, entities: this.entities };
  }

  private toggle(type: string, markerLength: number): void {
    const top = this.open.at(-1);
    if (top?.type === type) {
      this.open.pop();
      this.addEntity({ type }, top.start);
    } else {
      this.open.push({ type, start: this.text.length, sourceIndex: this.index });
    }
    this.index += markerLength;
  }

  /** `code` or ```language\npre```; inside, only '`' and '\' are special. */
  private code(): void {
    const start = this.index;
    const fence = this.source.startsWith('```', start) ? '```' : '`';
    let cursor = start + fence.length;
    let language: string | undefined;
    if (fence === '```') {
      const lineEnd = this.source.indexOf('\n', cursor);
      const firstLine = lineEnd === -1 ? '' : this.source.slice(cursor, lineEnd);
      if (lineEnd !== -1 && /^[\w+#-]*$/.test(firstLine)) {
        language = firstLine === '' ? undefined : firstLine;
        cursor = lineEnd + 1;
      }
    }
    const entityStart = this.text.length;
    for (;;) {
      if (cursor >= this.source.length) {
        throw this.unclosed({
          type: fence === '```' ? 'pre' : 'code',
          start: entityStart,
          sourceIndex: start,
        });
      }
      if (this.source.startsWith(fence, cursor)) break;
      const char = this.source[cursor] ?? '';
      const escaped = this.source[cursor + 1];
      if (char === '\\' && escaped !== undefined && '`\\'.includes(escaped)) {
        this.text += escaped;
        cursor += 2;
      } else {
        this.text += char;
        cursor += 1;
      }
    }
    this.addEntity(
      fence === '```' ? { type: 'pre', ...(language !== undefined && { language }) } : { type: 'code' },
      entityStart,
    );
    this.index = cursor + fence.length;
  }

  private closeLink(): void {
    const link = this.open.pop();
    if (link === undefined) return;
    if (this.source[this.index + 1] !== '(') throw this.unclosed(link);
    let cursor = this.index + 2;
    let url = '';
    while (this.source[cursor] !== ')') {
      const char = this.source[cursor];
      if (char === undefined) throw this.unclosed(link);
      if (char === '\\' && this.source[cursor + 1] !== undefined) {
        url += this.source[cursor + 1] ?? '';
        cursor += 2;
      } else {
        url += char;
        cursor += 1;
      }
    }
    this.addEntity({ type: 'text_link', url }, link.start);
    this.index = cursor + 1;
  }

  private addEntity(entity: Omit<TelegramMessageEntity, 'offset' | 'length'>, start: number): void {
    if (this.text.length > start)
      this.entities.push({ ...entity, offset: start, length: this.text.length - start });
  }

  private unclosed(entity: OpenEntity): EntityParseError {
    const offset = byteOffset(this.source, entity.sourceIndex);
    return this.dialect === 'v2'
      ? new EntityParseError(
          `Can't find end of ${ENTITY_NAMES[entity.type] ?? entity.type} entity at byte offset ${offset}`,
        )
      : new EntityParseError(`Can't find end of the entity starting at byte offset ${offset}`);
  }
}
