// What a spreadsheet would run as a formula when a cell begins with it (OWASP, CSV
// Injection), with the full-width forms some spreadsheets fold into them, and the apostrophe
// itself: guarding it too makes the guard reversible (drop one leading apostrophe).
const GUARDED_FIRST = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠', "'"]);

/**
 * The text of one CSV cell: strings as they are, numbers and booleans in JSON's spelling,
 * nested values as JSON text, null as an empty cell. A cell a spreadsheet could take for a
 * formula gets a leading apostrophe.
 */
export function csvCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return GUARDED_FIRST.has(text.charAt(0)) ? `'${text}` : text;
}
