import { RecordScanner } from './export-records';

const CSV = 'a,b\r\n1,"x\r\ny ""q"", z"\r\n"2",\r\n';
const JSON_ROWS = '[\n{"a":"x\\ny"},\n{"a":2}\n]\n';

function scanInPieces(format: 'csv' | 'json' | 'ndjson', text: string, size: number) {
  const scanner = new RecordScanner(format);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
  return { ends: scanner.ends, rows: scanner.rows, size: scanner.size, first: scanner.firstEnd };
}

describe('RecordScanner', () => {
  it.each([1, 2, 3, 7, 1000])('finds CSV records outside quotes in chunks of %i bytes', (size) => {
    expect(scanInPieces('csv', CSV, size)).toEqual({
      ends: [CSV.indexOf('\r\n"2"') + 1, CSV.length - 1],
      rows: 2,
      size: CSV.length,
      first: 4,
    });
  });

  it('counts JSON rows by the lines they begin, and NDJSON rows by line', () => {
    expect(scanInPieces('json', JSON_ROWS, 3).rows).toBe(2);
    expect(scanInPieces('ndjson', '{"a":1}\n{"a":2}\n{"a"', 2).rows).toBe(2);
  });
});
