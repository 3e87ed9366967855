import { describe, expect, it } from 'vitest';
import { csvField, writeCsv, type CsvColumn } from './csv.js';

interface Row {
  name: string;
  note: string | null;
  count: number;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (row) => row.name },
  { header: 'Note', value: (row) => row.note },
  { header: 'Count', value: (row) => row.count },
];

describe('the CSV writer', () => {
  it('writes a header row and CRLF-terminated records', () => {
    expect(writeCsv(columns, [{ name: 'Anna', note: 'ok', count: 2 }])).toBe(
      'Name,Note,Count\r\nAnna,ok,2\r\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(writeCsv(columns, [])).toBe('Name,Note,Count\r\n');
  });

  it('quotes fields with commas and doubles quotes inside them', () => {
    expect(csvField('Main St, 5')).toBe('"Main St, 5"');
    expect(csvField('the "big" job')).toBe('"the ""big"" job"');
    expect(csvField('"')).toBe('""""');
  });

  it('keeps line breaks inside a quoted field', () => {
    expect(writeCsv(columns, [{ name: 'a', note: 'line one\nline two\r\nthree', count: 1 }])).toBe(
      'Name,Note,Count\r\na,"line one\nline two\r\nthree",1\r\n',
    );
  });

  it('writes null and undefined as empty cells, numbers and booleans as text', () => {
    expect([null, undefined, 0, 12.5, true, ''].map((value) => csvField(value))).toEqual([
      '',
      '',
      '0',
      '12.5',
      'true',
      '',
    ]);
  });

  it('neutralizes text a spreadsheet would run as a formula, when asked', () => {
    const safe = { neutralizeFormulas: true };
    expect(csvField('=HYPERLINK("x")', safe)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+7 900', safe)).toBe("'+7 900");
    expect(csvField('@cmd', safe)).toBe("'@cmd");
    expect(csvField(-5, safe)).toBe('-5');
    expect(csvField('=1+1')).toBe('=1+1');
  });

  it('quotes leading or trailing spaces so no reader trims them', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it('passes Cyrillic through untouched, quoted only when it needs to be', () => {
    expect(
      writeCsv(columns, [
        { name: 'Иван Петров', note: 'ул. Ленина, д. 5', count: 3 },
        { name: 'Мария', note: 'звонить «после обеда»', count: 0 },
      ]),
    ).toBe('Name,Note,Count\r\nИван Петров,"ул. Ленина, д. 5",3\r\nМария,звонить «после обеда»,0\r\n');
  });
});
