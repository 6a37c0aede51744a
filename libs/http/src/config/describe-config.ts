import type { z } from 'zod';

/** One environment variable as documentation lists it. */
export interface ConfigVariable {
  name: string;
  description: string;
  required: boolean;
  default: string | undefined;
}

function formatDefault(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Lists the variables of a config schema with description, default and whether they are
 * required, for docs and `--help` output.
 */
export function describeConfig(schema: z.ZodObject): ConfigVariable[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const type = field as z.ZodType;
    const def = type.def as { type: string; defaultValue?: unknown };
    const fallback = def.type === 'default' ? def.defaultValue : undefined;
    return {
      name,
      description: type.description ?? '',
      required: !type.safeParse(undefined).success,
      default: fallback === undefined ? undefined : formatDefault(fallback),
    };
  });
}
