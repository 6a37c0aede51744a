import { once } from 'node:events';
import type { Client } from 'pg';

/** The parts of pg's connection that a COPY FROM STDIN needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/**
 * Runs `COPY … FROM STDIN` on a pg client, streaming `chunks` with back-pressure, and
 * resolves with the number of rows copied. pg speaks the COPY sub-protocol to any query
 * object that implements its handlers (as pg-copy-streams does); this is that object,
 * reduced to what the benchmark needs.
 */
export function copyFromStdin(
  client: Client,
  statement: string,
  chunks: Iterable<Buffer>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const pump = async (connection: CopyConnection) => {
      try {
        for (const chunk of chunks) {
          connection.sendCopyFromChunk(chunk);
          if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
        }
        connection.endCopyFrom();
      } catch (error) {
        connection.sendCopyFail(error instanceof Error ? error.message : 'copy source failed');
      }
    };
    const query = {
      submit: (connection: CopyConnection) => connection.query(statement),
      handleCopyInResponse: (connection: CopyConnection) => void pump(connection),
      handleCommandComplete: (message: { text: string }) => {
        rows = Number(message.text.split(' ')[1]);
      },
      handleReadyForQuery: () => resolve(rows),
      handleError: (error: Error) => reject(error),
    };
    void client.query(query as never);
  });
}

/** A value in COPY's text format: `\N` for null, backslash escapes for the special bytes. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
