/** Where the CLI writes and what environment it reads: injected, so tests need no process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal (progress is then redrawn in place). */
  stderrIsTty?: boolean;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stderrIsTty: process.stderr.isTTY,
  };
}

/** Writes a line of output. */
export function println(io: CliIo, text = ''): void {
  io.stdout(`${text}\n`);
}

/** Writes a value as indented JSON on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
