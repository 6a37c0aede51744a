/** The markers around generated content in a Markdown file. */
export const ENV_MARKERS = { start: '<!-- env:start -->', end: '<!-- env:end -->' } as const;

/** The text strictly between the markers, or `undefined` when they are missing or out of order. */
export function textBetweenMarkers(
  markdown: string,
  markers: { start: string; end: string } = ENV_MARKERS,
): string | undefined {
  const start = markdown.indexOf(markers.start);
  const end = markdown.indexOf(markers.end);
  if (start === -1 || end === -1 || end < start) return undefined;
  return markdown.slice(start + markers.start.length, end);
}

/**
 * Replaces what is between the markers with `content` (blank lines around it).
 * @throws when the markers are missing: the generator must never guess where a table goes
 */
export function replaceBetweenMarkers(
  markdown: string,
  content: string,
  markers: { start: string; end: string } = ENV_MARKERS,
): string {
  if (textBetweenMarkers(markdown, markers) === undefined) {
    throw new Error(`markers ${markers.start} … ${markers.end} not found`);
  }
  const start = markdown.indexOf(markers.start) + markers.start.length;
  const end = markdown.indexOf(markers.end);
  return `${markdown.slice(0, start)}\n\n${content}\n\n${markdown.slice(end)}`;
}

/**
 * The cells of every row of the Markdown tables in `markdown`, trimmed, separator rows left
 * out. Padding does not matter, so a table Prettier has aligned equals the one generated.
 */
export function tableCells(markdown: string): string[][] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, line.endsWith('|') && !line.endsWith('\\|') ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)));
}
