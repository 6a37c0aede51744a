import { Readable } from 'node:stream';
import { continuation } from './export-splice';

async function continued(format: 'csv' | 'json' | 'ndjson', pieces: string[]) {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(pieces.map((p) => Buffer.from(p))).pipe(
    continuation(format),
  )) {
    out.push(chunk as Buffer);
  }
  return Buffer.concat(out).toString();
}

describe('continuation', () => {
  it.each([
    ['csv', ['a,', 'b\r', '\n1,2\r\n'], '1,2\r\n'],
    ['csv', ['a,b\r\n'], ''],
    ['json', ['[', '\n', '{"a":1}\n]\n'], ',\n{"a":1}\n]\n'],
    ['json', ['[\n]\n'], '\n]\n'],
    ['ndjson', ['{"a":1}\n'], '{"a":1}\n'],
  ] as const)('continues a %s file with %j as %j', async (format, pieces, expected) => {
    expect(await continued(format, [...pieces])).toBe(expected);
  });
});
