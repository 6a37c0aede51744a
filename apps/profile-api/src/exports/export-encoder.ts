import type { ExportFormat } from '@stratum/schemas';
import { csvCell } from './csv-cell';

/** How the rows of an export become text in one format. */
export interface ExportEncoder {
  contentType: string;
  /** The file name extension, without the dot. */
  extension: string;
  /** Written before the first row (the CSV header, the JSON array's bracket). */
  start: string;
  /** The text of consecutive rows; `first` when they begin the export. */
  rows(records: readonly Record<string, unknown>[], first: boolean): string;
  /** Written after the last row. */
  end: string;
}

// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
// Written here rather than with csv-stringify, which cost three times as much per row and was
// the largest single cost of a CSV export; csv-parse reads it back in the tests.
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: string | null): string {
  if (cell === null) return '';
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

// Every record ends with CRLF, the header too.
function csvRecord(cells: readonly (string | null)[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvEncoder(columns: readonly string[]): ExportEncoder {
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    start: csvRecord(columns),
    rows: (records) =>
      records.map((record) => csvRecord(columns.map((column) => csvCell(record[column])))).join(''),
    end: '',
  };
}

const ndjsonEncoder: ExportEncoder = {
  contentType: 'application/x-ndjson',
  extension: 'ndjson',
  start: '',
  rows: (records) => records.map((record) => `${JSON.stringify(record)}\n`).join(''),
  end: '',
};

// One array, a row a line: `[`, then each row after a newline (and a comma from the second
// on), then a newline and `]`. A reader can tell an interrupted file by its missing `]`.
const jsonEncoder: ExportEncoder = {
  contentType: 'application/json; charset=utf-8',
  extension: 'json',
  start: '[',
  rows: (records, first) =>
    records
      .map((record, index) => `${first && index === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`)
      .join(''),
  end: '\n]\n',
};

/** The encoder of a format; `columns` are the CSV header and the order of its cells. */
export function exportEncoder(format: ExportFormat, columns: readonly string[]): ExportEncoder {
  switch (format) {
    case 'csv':
      return csvEncoder(columns);
    case 'ndjson':
      return ndjsonEncoder;
    case 'json':
      return jsonEncoder;
  }
}
