import type { ExportFormat } from '@stratum/schemas';

const LF = 0x0a;
const QUOTE = 0x22;
const BRACE = 0x7b;

/**
 * Finds where the records of an export end, chunk by chunk, as the profile API writes them:
 * every line feed in NDJSON and JSON (their rows are JSON text, which never holds a raw line
 * break), and in CSV the line feeds outside quoted fields (a quoted field may hold line
 * breaks; a doubled quote toggles twice and changes nothing).
 */
export class RecordScanner {
  #inQuotes = false;
  #previous = LF;
  #offset = 0;
  /** Record ends seen (line feeds, as byte offsets), the last two kept. */
  readonly ends: number[] = [];
  /** Line feeds seen (CSV: outside quotes). */
  lineFeeds = 0;
  /** JSON: lines that begin with `{`, i.e. rows begun. */
  rowStarts = 0;

  /** `withHeader`: a CSV scan that starts at the header row, which is no row of data. */
  constructor(
    readonly format: ExportFormat,
    private readonly withHeader = true,
  ) {}

  /** The byte offset of the first record end (CSV: the end of the header row). */
  firstEnd: number | undefined;

  /** Bytes scanned so far. */
  get size(): number {
    return this.#offset;
  }

  push(chunk: Uint8Array): void {
    const csv = this.format === 'csv';
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i]!;
      if (csv && byte === QUOTE) this.#inQuotes = !this.#inQuotes;
      else if (byte === LF && !this.#inQuotes) {
        this.lineFeeds += 1;
        this.firstEnd ??= this.#offset + i;
        this.ends.push(this.#offset + i);
        if (this.ends.length > 2) this.ends.shift();
      } else if (byte === BRACE && this.#previous === LF) this.rowStarts += 1;
      this.#previous = byte;
    }
    this.#offset += chunk.length;
  }

  /** Rows written so far (complete ones; JSON: begun ones). */
  get rows(): number {
    if (this.format === 'ndjson') return this.lineFeeds;
    if (this.format === 'csv') return Math.max(0, this.lineFeeds - (this.withHeader ? 1 : 0));
    return this.rowStarts;
  }
}
