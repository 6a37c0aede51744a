import type { z } from 'zod';

/** One bad variable: its name and what is wrong (never its value). */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Thrown by {@link loadConfig}: names every bad variable and why. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    const lines = issues.map((issue) => `  ${issue.variable}: ${issue.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.issues = issues;
  }
}

/** Environment variables as read from `process.env`. */
export type Env = Record<string, string | undefined>;

// An empty variable (`FOO=` in a .env file) means "not set", so defaults apply.
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

/**
 * Parses the environment with a zod object schema, once, at start-up. On failure throws a
 * {@link ConfigError} listing every bad variable by name with the reason; values are never
 * included since they may be secrets.
 *
 * @example
 * const config = loadConfig(IngestApiConfigSchema); // in main.ts, see exitOnConfigError
 */
export function loadConfig<S extends z.ZodType<unknown, Env>>(
  schema: S,
  env: Env = process.env,
): z.output<S> {
  const input = withoutEmpty(env);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue): ConfigIssue => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    // A refinement may name a variable left to its default: that one is not missing.
    const missing =
      issue.code !== 'custom' &&
      issue.path.length === 1 &&
      input[String(issue.path[0])] === undefined;
    return { variable, message: missing ? 'is required' : issue.message };
  });
  throw new ConfigError(issues);
}

/** Where {@link exitOnConfigError} writes and how it exits (tests pass fakes). */
export interface ExitIo {
  write: (text: string) => void;
  exit: (code: number) => never;
}

const processIo: ExitIo = {
  write: (text) => void process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * For main.ts: prints a {@link ConfigError} and exits 1; rethrows anything else.
 *
 * @example
 * let config: IngestApiConfig;
 * try {
 *   config = loadConfig(IngestApiConfigSchema);
 * } catch (error) {
 *   exitOnConfigError(error);
 * }
 */
export function exitOnConfigError(error: unknown, io: ExitIo = processIo): never {
  if (!(error instanceof ConfigError)) throw error;
  io.write(`${error.message}\n`);
  return io.exit(1);
}
