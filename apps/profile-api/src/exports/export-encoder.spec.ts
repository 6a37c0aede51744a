import { parse } from 'csv-parse/sync';
import { csvCell } from './csv-cell';
import { exportEncoder } from './export-encoder';

const COLUMNS = ['id', 'name', 'data'];
const ROWS = [
  { id: 'a', name: 'Zoë, "the" first', data: { n: 1 } },
  { id: 'b', name: 'two\nlines', data: null },
  { id: 'c', name: '=HYPERLINK("http://x")', data: [] },
];

// Concatenates what an export writes for these rows split into batches.
function encode(format: 'csv' | 'ndjson' | 'json', batches: (typeof ROWS)[]): string {
  const encoder = exportEncoder(format, COLUMNS);
  return encoder.start + batches.map((b, i) => encoder.rows(b, i === 0)).join('') + encoder.end;
}

describe('exportEncoder', () => {
  it('writes CSV per RFC 4180 with the formula guard', () => {
    expect(encode('csv', [ROWS])).toBe(
      'id,name,data\r\n' +
        'a,"Zoë, ""the"" first","{""n"":1}"\r\n' +
        'b,"two\nlines",\r\n' +
        `c,"'=HYPERLINK(""http://x"")",[]\r\n`,
    );
  });

  it('writes CSV that a CSV library reads back cell for cell', () => {
    const awkward = ['', ' ', '"', '""', ',', '\r\n', '\n', 'a\rb', 'Zoë 🎉', '\u2028', 'x"y,z'];
    const records = awkward.map((text, index) => ({
      id: String(index),
      name: text,
      data: { text },
    }));
    const encoder = exportEncoder('csv', COLUMNS);
    const parsed = parse<Record<string, string>>(encoder.start + encoder.rows(records, true), {
      columns: true,
      record_delimiter: '\r\n',
    });
    expect(parsed).toEqual(
      records.map((r) => ({ id: r.id, name: csvCell(r.name), data: JSON.stringify(r.data) })),
    );
  });

  it.each(['csv', 'ndjson', 'json'] as const)(
    'writes the same %s whatever the batches',
    (format) => {
      expect(encode(format, [ROWS.slice(0, 1), ROWS.slice(1, 2), ROWS.slice(2)])).toBe(
        encode(format, [ROWS]),
      );
    },
  );

  it('writes NDJSON, a row a line', () => {
    expect(encode('ndjson', [ROWS.slice(0, 2)])).toBe(
      '{"id":"a","name":"Zoë, \\"the\\" first","data":{"n":1}}\n' +
        '{"id":"b","name":"two\\nlines","data":null}\n',
    );
  });

  it('writes one JSON array that parses back to the rows', () => {
    const text = encode('json', [ROWS]);
    expect(text.split('\n')).toHaveLength(ROWS.length + 3);
    expect(JSON.parse(text)).toEqual(ROWS);
    expect(encode('json', [])).toBe('[\n]\n');
  });

  it('names each format’s type and extension', () => {
    expect(
      (['csv', 'ndjson', 'json'] as const).map((f) => {
        const { contentType, extension } = exportEncoder(f, COLUMNS);
        return [contentType, extension];
      }),
    ).toEqual([
      ['text/csv; charset=utf-8; header=present', 'csv'],
      ['application/x-ndjson', 'ndjson'],
      ['application/json; charset=utf-8', 'json'],
    ]);
  });
});
