import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import type { ExportFormat } from '@stratum/schemas';

/**
 * What the answer to a resumed request must lose to continue the file it is appended to: the
 * CSV header row; the JSON array's `[`, a `,` taking its place when rows follow. NDJSON
 * continues as it is. Holds back only the first bytes, until it can tell.
 */
export function continuation(format: ExportFormat): Transform {
  let head: Buffer | undefined = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (head === undefined || format === 'ndjson') {
        callback(null, chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      if (format === 'csv') {
        const endOfHeader = head.indexOf(0x0a);
        if (endOfHeader === -1) return callback();
        const rest = head.subarray(endOfHeader + 1);
        head = undefined;
        return callback(null, rest);
      }
      // JSON: `[` then `\n{` (rows follow) or `\n]` (none).
      if (head.length < 3) return callback();
      const rest = head.subarray(1);
      const rowsFollow = head[2] === 0x7b;
      head = undefined;
      callback(null, rowsFollow ? Buffer.concat([Buffer.from(','), rest]) : rest);
    },
    flush(callback: TransformCallback) {
      // An answer too short to tell is no export: let it through for the caller to see.
      callback(null, head !== undefined && head.length > 0 ? head : undefined);
    },
  });
}
