/** One fenced ```json block of a Markdown file. */
export interface JsonBlock {
  /** 1-based line of the opening fence. */
  line: number;
  text: string;
}

/**
 * The ```json blocks of `markdown`, in order.
 * @throws on an unclosed block, which would otherwise hide every block after it
 */
export function extractJsonBlocks(markdown: string): JsonBlock[] {
  const lines = markdown.split('\n');
  const blocks: JsonBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```json') continue;
    const end = lines.findIndex((l, j) => j > i && l.trim() === '```');
    if (end === -1) throw new Error(`line ${i + 1}: unclosed json block`);
    blocks.push({ line: i + 1, text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}
