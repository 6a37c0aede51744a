/** Where the benchmark tells what it is doing while it runs. */
export interface Progress {
  /** A new phase: printed on its own line. */
  step(title: string): void;
  /** The live state of the phase, rewritten in place on a terminal. */
  status(text: string): void;
  /** A progress bar for work of known size. */
  bar(label: string, done: number, total: number, startedAt: number): void;
  /** Ends the live line. */
  done(text?: string): void;
}

const BAR_WIDTH = 30;

/**
 * Progress on a stream (stderr by default): on a terminal the status line is redrawn in
 * place; elsewhere (CI logs) a status line is printed at most every 5 s.
 */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY;
  let lastPrinted = 0;
  let live = false;
  const write = (text: string, force = false) => {
    if (tty) {
      stream.write(`\r\x1b[K${text}`);
      live = true;
    } else if (force || performance.now() - lastPrinted > 5000) {
      stream.write(`${text}\n`);
      lastPrinted = performance.now();
    }
  };
  const endLine = () => {
    if (live) stream.write('\n');
    live = false;
  };
  return {
    step: (title) => {
      endLine();
      stream.write(`▸ ${title}\n`);
      lastPrinted = 0;
    },
    status: (text) => write(`  ${text}`),
    bar: (label, done, total, startedAt) => {
      const share = total === 0 ? 1 : done / total;
      const filled = Math.round(share * BAR_WIDTH);
      const seconds = (performance.now() - startedAt) / 1000;
      write(
        `  [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
          `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${label}, ${seconds.toFixed(1)} s`,
        done === total,
      );
    },
    done: (text) => {
      if (text !== undefined) write(`  ${text}`, true);
      endLine();
    },
  };
}

/** Says nothing (tests). */
export const silentProgress: Progress = {
  step: () => undefined,
  status: () => undefined,
  bar: () => undefined,
  done: () => undefined,
};
