import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WORKSPACE_ROOT } from './workspace-root';

/** A script running under node as a child process, e.g. a bundled app's `main.js`. */
export interface AppProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  /** Its exit code once it has exited and its output is read (`null`: a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it still runs after `graceMs`; resolves with the exit code. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/**
 * Runs `script` with node in the repository's root and only the environment given: the test's
 * own variables (DATABASE_URL…) must not configure it behind the caller's back. NODE_PATH
 * points at the repository's node_modules, where a bundle's external packages are.
 */
export function runAppProcess(script: string, env: Record<string, string>): AppProcess {
  let output = '';
  const child = spawn(process.execPath, [script], {
    cwd: WORKSPACE_ROOT,
    env: { NODE_PATH: path.join(WORKSPACE_ROOT, 'node_modules'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // 'close', not 'exit': by then the last lines it wrote have been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));

  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill('SIGTERM');
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return { child, output: () => output, exited, stop };
}
