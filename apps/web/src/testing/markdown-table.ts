/** The text under `## heading`, up to the next heading of level 2 or the end. */
export function markdownSection(markdown: string, heading: string): string | undefined {
  const start = markdown.split('\n').findIndex((line) => line.trim() === `## ${heading}`);
  if (start === -1) return undefined;
  const rest = markdown.split('\n').slice(start + 1);
  const end = rest.findIndex((line) => line.startsWith('## '));
  return rest.slice(0, end === -1 ? undefined : end).join('\n');
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

/**
 * The cell of the first table in `text` that sits in the row whose first cell is `row` and
 * the column headed `column`; undefined when there is no such row or column.
 */
export function markdownTableCell(text: string, row: string, column: string): string | undefined {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((line) => line.trimStart().startsWith('|'));
  if (headerAt === -1) return undefined;
  const table = lines.slice(headerAt);
  const tableEnd = table.findIndex((line) => !line.trimStart().startsWith('|'));
  // The line after the header is the |---| separator.
  const [header = '', , ...body] = table.slice(0, tableEnd === -1 ? undefined : tableEnd);
  const columnAt = cells(header).indexOf(column);
  const found = body.map(cells).find((rowCells) => rowCells[0] === row);
  return columnAt === -1 ? undefined : found?.[columnAt];
}
