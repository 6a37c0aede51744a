import type { CliIo } from './cli-io';

/** Reports an export's progress on stderr: rows, rows a second, bytes, time. */
export interface ExportProgress {
  update(rows: number, bytes: number): void;
  done(rows: number, bytes: number): void;
}

const formatted = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * A progress line on stderr: redrawn in place at most every 100 ms on a terminal, printed
 * every 5 s elsewhere (logs), and once more at the end. `startRows` are rows the file held
 * already (resuming); the rate counts only the new ones. There is no bar to fill: the total
 * is not known without counting the rows first, which would cost a second pass.
 */
export function exportProgress(io: CliIo, label: string, startRows: number): ExportProgress {
  const startedAt = performance.now();
  const interval = io.stderrIsTty === true ? 100 : 5000;
  let lastShown = startedAt;
  const line = (rows: number, bytes: number) => {
    const seconds = (performance.now() - startedAt) / 1000;
    const rate = seconds > 0 ? (rows - startRows) / seconds : 0;
    return (
      `${label}: ${formatted(rows)} rows, ${formatted(rate)} rows/s, ` +
      `${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s`
    );
  };
  return {
    update(rows, bytes) {
      const now = performance.now();
      if (now - lastShown < interval) return;
      lastShown = now;
      io.stderr(
        io.stderrIsTty === true ? `\r\x1b[K${line(rows, bytes)}` : `${line(rows, bytes)}\n`,
      );
    },
    done(rows, bytes) {
      io.stderr(`${io.stderrIsTty === true ? '\r\x1b[K' : ''}${line(rows, bytes)}\n`);
    },
  };
}
