import type { FieldIssue } from '@stratum/schemas';

// What the common data exceptions mean for a producer, in words that quote nothing of theirs.
const MEANING: Record<string, string> = {
  '22P05': 'a character the database cannot store',
  '22021': 'a character the database cannot store',
  '22P02': 'text the database cannot read',
  '22003': 'a number out of the range the database can store',
  '22001': 'a value too long for the database',
  '22007': 'a date or time the database cannot store',
  '22008': 'a date or time the database cannot store',
  '22009': 'a date or time the database cannot store',
};

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Whether PostgreSQL refused a value (SQLSTATE class 22, data exception: an untranslatable
 * character, a number out of range…): the fault of some event's content, not of the request
 * or the database, so that event is rejected and its neighbours are stored.
 */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false;
}

/**
 * The rejection of an event PostgreSQL refused. It names the SQLSTATE but never repeats the
 * driver's message, whose detail and context quote the offending value.
 */
export function dataExceptionIssue(error: unknown): FieldIssue {
  const code = sqlState(error) ?? 'unknown';
  const meaning = MEANING[code] ?? 'a value the database cannot store';
  return { path: '', message: `holds ${meaning} (SQLSTATE ${code})` };
}
