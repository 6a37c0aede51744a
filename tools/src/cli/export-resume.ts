import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { encodeEventCursor } from '@stratum/schemas';
import type { ExportFormat } from '@stratum/schemas';
import { RecordScanner } from './export-records';

/** What an export is of. */
export type ExportKind = 'profiles' | 'events';

/** Where an interrupted export file stands. */
export type ResumePoint =
  /** No complete row: start over. */
  | { kind: 'fresh' }
  /** A JSON file that already ends with its `]` (`append`: the line feed after it, if cut). */
  | { kind: 'complete'; rows: number; append: string }
  /** Keep the first `keepBytes` (up to the last complete row) and ask for what follows. */
  | { kind: 'resume'; keepBytes: number; rows: number; after: string };

async function readRange(path: string, start: number, end: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.max(0, end - start));
    await file.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await file.close();
  }
}

async function scanFile(path: string, format: ExportFormat): Promise<RecordScanner> {
  const scanner = new RecordScanner(format);
  for await (const chunk of createReadStream(path)) scanner.push(chunk as Buffer);
  return scanner;
}

// The CSV guard put one apostrophe before a cell a spreadsheet would take for a formula,
// and before every cell that began with one: dropping one gives the value back.
const unguard = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

/** The `after` parameter that continues an export after this row. */
function afterRow(kind: ExportKind, row: Record<string, unknown>): string {
  if (kind === 'profiles') return String(row.profile_id);
  return encodeEventCursor({ occurredAt: String(row.timestamp), eventId: String(row.event_id) });
}

function parseJsonRow(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function ndjsonPoint(path: string, kind: ExportKind, scan: RecordScanner) {
  const [previous, last] = scan.ends.length === 2 ? scan.ends : [-1, scan.ends[0]];
  if (last === undefined || previous === undefined) return { kind: 'fresh' } as const;
  const row = parseJsonRow(await readRange(path, previous + 1, last));
  if (row === undefined) throw new Error(`${path}: its last line is not JSON`);
  return {
    kind: 'resume',
    keepBytes: last + 1,
    rows: scan.rows,
    after: afterRow(kind, row),
  } as const;
}

async function csvPoint(path: string, kind: ExportKind, scan: RecordScanner) {
  const [previous, last] = scan.ends;
  if (scan.lineFeeds < 2 || previous === undefined || last === undefined) {
    return { kind: 'fresh' } as const;
  }
  const header = await readRange(path, 0, scan.firstEnd ?? 0);
  const record = await readRange(path, previous + 1, last + 1);
  const [row] = parse<Record<string, string>>(`${header}\n${record}`, { columns: true });
  if (row === undefined) throw new Error(`${path}: its last row is not CSV`);
  const cells = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, unguard(v)]));
  return {
    kind: 'resume',
    keepBytes: last + 1,
    rows: scan.rows,
    after: afterRow(kind, cells),
  } as const;
}

/**
 * JSON is `[`, then each row on a line of its own after `,` (from the second), then `]`: the
 * last complete row is the last line that parses (a cut one never does, missing its `}`).
 */
async function jsonPoint(path: string, kind: ExportKind, scan: RecordScanner) {
  const lastEnd = scan.ends.at(-1) ?? -1;
  const lineStart = scan.ends.length === 2 ? scan.ends[0]! + 1 : 0;
  const candidates = [
    { start: lastEnd + 1, text: await readRange(path, lastEnd + 1, scan.size) },
    { start: lineStart, text: await readRange(path, lineStart, Math.max(lineStart, lastEnd)) },
  ];
  for (const [index, { start, text }] of candidates.entries()) {
    if (text === ']') {
      return { kind: 'complete', rows: scan.rowStarts, append: index === 0 ? '\n' : '' } as const;
    }
    const line = text.endsWith(',') ? text.slice(0, -1) : text;
    const row = line.startsWith('{') ? parseJsonRow(line) : undefined;
    if (row === undefined) continue;
    // A cut last line was counted as a row begun.
    const rows = scan.rowStarts - (index === 1 && candidates[0]!.text.startsWith('{') ? 1 : 0);
    return {
      kind: 'resume',
      keepBytes: start + Buffer.byteLength(line),
      rows,
      after: afterRow(kind, row),
    } as const;
  }
  return { kind: 'fresh' } as const;
}

/**
 * Reads an export file written by `cdp export` (or saved from the API) and finds its last
 * complete row: what to keep, and the `after` that asks for the rest.
 * @throws Error when the file is not an export of this format
 */
export async function findResumePoint(
  path: string,
  format: ExportFormat,
  kind: ExportKind,
): Promise<ResumePoint> {
  const scan = await scanFile(path, format);
  if (format === 'ndjson') return ndjsonPoint(path, kind, scan);
  if (format === 'csv') return csvPoint(path, kind, scan);
  return jsonPoint(path, kind, scan);
}
