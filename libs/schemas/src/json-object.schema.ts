import { z } from 'zod';
import { MAX_JSON_DEPTH } from './limits';
import { unstorableText } from './messages';

/** Keys that could reach an object's prototype if a consumer ever merged them naively. */
const FORBIDDEN_JSON_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

const FORBIDDEN = new Set(FORBIDDEN_JSON_KEYS);
const NOT_FINITE_MESSAGE = 'must be a finite number (at most ±1.8e308)';
// One bad payload should not produce thousands of issues.
const MAX_ISSUES = 10;

export interface JsonObjectOptions {
  /** Deepest nesting of objects and arrays, the object itself being level 1. */
  maxDepth?: number;
  description?: string;
}

/**
 * A JSON object with at most `maxDepth` levels of nesting, no `__proto__`, `constructor`
 * or `prototype` key at any level, and nothing PostgreSQL would refuse or jsonb would store
 * otherwise than sent: no NUL character or lone surrogate in a key or string, no number
 * that overflowed to ±Infinity. The walk runs on the raw input because zod's record parsing
 * silently drops a `__proto__` key, and silently dropping is exactly what must not happen.
 */
export function jsonObject(options: JsonObjectOptions = {}) {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const record = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });
  const schema = z.preprocess((input, ctx) => {
    if (isPlainObject(input)) checkJson(input, maxDepth, ctx);
    return input;
  }, record);
  return options.description === undefined
    ? schema
    : schema.meta({ description: options.description });
}

/** The type {@link jsonObject} parses to. */
export type JsonObject = Record<string, unknown>;

interface Frame {
  value: unknown;
  path: (string | number)[];
  depth: number;
}

function checkJson(root: object, maxDepth: number, ctx: z.RefinementCtx): void {
  let issues = 0;
  const report = (path: (string | number)[], message: string) => {
    issues += 1;
    ctx.addIssue({ code: 'custom', path, message });
  };
  const stack: Frame[] = [{ value: root, path: [], depth: 1 }];
  for (let frame = stack.pop(); frame !== undefined && issues < MAX_ISSUES; frame = stack.pop()) {
    const { value, path, depth } = frame;
    if (depth > maxDepth) {
      report(path, `is nested deeper than ${maxDepth} levels`);
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value as object);
    for (const [key, child] of entries) {
      if (issues >= MAX_ISSUES) return;
      if (typeof key === 'string' && FORBIDDEN.has(key)) {
        report([...path, key], `key '${key}' is not allowed`);
        continue;
      }
      const problem =
        (typeof key === 'string' ? unstorableText(key) : undefined) ?? scalarIssue(child);
      if (problem !== undefined) {
        report([...path, key], problem);
      } else if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, path: [...path, key], depth: depth + 1 });
      }
    }
  }
}

/**
 * What would not be kept as sent: a string PostgreSQL cannot store, or a number JSON.parse
 * overflowed to ±Infinity (a literal beyond ±1.8e308), which JSON.stringify would write null.
 */
function scalarIssue(value: unknown): string | undefined {
  if (typeof value === 'string') return unstorableText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return NOT_FINITE_MESSAGE;
  return undefined;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
