/** A value of one CSV cell: null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** One column: its header and how to read its value from a row. */
export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvValue;
}

export interface CsvOptions {
  /**
   * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
   * leading `'`: for files with text typed by other people (CSV injection). Numbers are untouched.
   */
  neutralizeFormulas?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field per RFC 4180: quoted when it holds a quote, a comma or a line break; quotes doubled. */
export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (options.neutralizeFormulas && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document (RFC 4180): a header row, then one record per row, CRLF after every record.
 * Pure text: the byte order mark Excel needs for UTF-8 is the HTTP layer's business.
 */
export function writeCsv<T>(
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T>,
  options: CsvOptions = {},
): string {
  const lines = [columns.map((column) => csvField(column.header)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => csvField(column.value(row), options)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
