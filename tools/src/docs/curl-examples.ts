/**
 * Checks the curl examples of a Markdown file (docs/API.md): extracts the `curl` commands of
 * its ```bash blocks with the status annotated after each (`# → 200`), substitutes shell
 * variables, turns the curl arguments into a request and runs it with fetch. Only what the
 * docs use is understood; anything else is an error naming it, so an example never silently
 * tests something other than what a reader would paste.
 */
import { parseCurlArguments } from './curl-request';
import type { CurlRequest } from './curl-request';
import { shellWords } from './shell-words';
import type { ShellVariables } from './shell-words';

export { parseCurlArguments } from './curl-request';
export { shellWords } from './shell-words';
export type { ShellVariables } from './shell-words';

/** One `curl` command of a Markdown file. */
export interface CurlExample {
  /** The command as written, continuation lines joined, before substitution. */
  command: string;
  /** The status on the comment line right after the command (`# → 200`), if any. */
  expectedStatus: number | undefined;
  /** 1-based line of the command's first line in the file. */
  line: number;
  /** The nearest `## ` heading above the command. */
  section: string | undefined;
}

/** What running one example gave. */
export interface CurlResult {
  example: CurlExample;
  request: CurlRequest;
  status: number;
  expectedStatus: number | undefined;
  /** Parsed JSON when the answer says it is JSON, else the text. */
  body: unknown;
}

const FENCE_OPEN = /^\s*```(?:bash|sh|shell)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;
const STATUS_COMMENT = /^#\s*(?:→|->)\s*(\d{3})\b/;

interface LogicalLine {
  text: string;
  line: number;
}

// Joins lines ending in a backslash with the next, as the shell does.
function logicalLines(lines: readonly { text: string; line: number }[]): LogicalLine[] {
  const joined: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  for (const { text, line } of lines) {
    const continued = /\\\s*$/.test(text);
    const part = continued ? text.replace(/\\\s*$/, '') : text;
    pending =
      pending === undefined
        ? { text: part, line }
        : { ...pending, text: `${pending.text.trimEnd()} ${part.trim()}` };
    if (!continued) {
      joined.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) joined.push(pending);
  return joined;
}

/** Finds every `curl` command in the ```bash (or sh, shell) blocks of a Markdown text. */
export function extractCurlExamples(markdown: string): CurlExample[] {
  const examples: CurlExample[] = [];
  let section: string | undefined;
  let block: { text: string; line: number }[] | undefined;
  const lines = markdown.split('\n');
  lines.forEach((text, index) => {
    if (block === undefined) {
      const heading = /^##\s+(.+?)\s*$/.exec(text);
      if (heading !== null) section = heading[1];
      if (FENCE_OPEN.test(text)) block = [];
      return;
    }
    if (!FENCE_CLOSE.test(text)) {
      block.push({ text, line: index + 1 });
      return;
    }
    const commands = logicalLines(block).filter((l) => l.text.trim() !== '');
    commands.forEach((logical, i) => {
      if (!/^\s*curl\s/.test(logical.text)) return;
      const next = commands[i + 1]?.text.trim();
      const status = next === undefined ? null : STATUS_COMMENT.exec(next);
      examples.push({
        command: logical.text.trim(),
        expectedStatus: status === null ? undefined : Number(status[1]),
        line: logical.line,
        section,
      });
    });
    block = undefined;
  });
  return examples;
}

/**
 * Runs one example: substitutes `variables`, parses the curl arguments and sends the request
 * with `fetchImpl` (global fetch by default), never following redirects.
 */
export async function runCurlExample(
  example: CurlExample,
  variables: ShellVariables,
  fetchImpl: typeof fetch = fetch,
): Promise<CurlResult> {
  const [program, ...args] = shellWords(example.command, variables);
  if (program !== 'curl') throw new Error(`line ${example.line}: not a curl command`);
  const request = parseCurlArguments(args);
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
  });
  const text = await response.text();
  const isJson = /\bjson\b/.test(response.headers.get('content-type') ?? '');
  return {
    example,
    request,
    status: response.status,
    expectedStatus: example.expectedStatus,
    body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
  };
}

/** Runs examples one after the other, in document order (later ones may rely on earlier). */
export async function runCurlExamples(
  examples: readonly CurlExample[],
  variables: ShellVariables,
  fetchImpl: typeof fetch = fetch,
): Promise<CurlResult[]> {
  const results: CurlResult[] = [];
  for (const example of examples) results.push(await runCurlExample(example, variables, fetchImpl));
  return results;
}
