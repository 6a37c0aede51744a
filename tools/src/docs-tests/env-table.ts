/**
 * Renders the environment-variable table of docs/RUNBOOK.md from the config schemas, so the
 * runbook cannot drift from what the services validate at start-up.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/src/docs-tests/env-table.ts           # print
 *   npx tsx --tsconfig tsconfig.base.json tools/src/docs-tests/env-table.ts --write   # update
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describeConfig } from '@stratum/http';
import { CliConfigSchema } from '../cli/cli-config';
import {
  AdminConfigSchema,
  ConsoleConfigSchema,
  IngestConfigSchema,
  ProfileConfigSchema,
  WorkerConfigSchema,
} from './app-entry-points';
import { replaceBetweenMarkers } from './markdown-table';

/** A program that reads the environment, and the zod schema it validates it with. */
export interface ConfigSource {
  program: string;
  schema: z.ZodObject;
}

/** Every program of the product that reads configuration, in the order the table lists them. */
export const CONFIG_SOURCES: readonly ConfigSource[] = [
  { program: 'ingest-api', schema: IngestConfigSchema },
  { program: 'profile-api', schema: ProfileConfigSchema },
  { program: 'admin-api', schema: AdminConfigSchema },
  { program: 'worker', schema: WorkerConfigSchema },
  { program: 'console', schema: ConsoleConfigSchema },
  { program: 'cdp CLI', schema: CliConfigSchema },
];

/** One row of the table: a variable as one or more programs read it. */
export interface EnvRow {
  name: string;
  programs: string[];
  required: boolean;
  default: string | undefined;
  description: string;
}

/**
 * Lists the variables of every source. A variable read the same way by several programs is
 * one row; one read differently (PORT's default) is one row per variant. A schema field
 * without a description borrows the description another program gives the same name.
 */
export function collectEnvRows(sources: readonly ConfigSource[] = CONFIG_SOURCES): EnvRow[] {
  const described = sources.map((source) => ({
    program: source.program,
    variables: describeConfig(source.schema),
  }));
  const descriptionOf = new Map<string, string>();
  for (const { variables } of described) {
    for (const v of variables) {
      if (v.description !== '' && !descriptionOf.has(v.name)) {
        descriptionOf.set(v.name, v.description);
      }
    }
  }
  const rows = new Map<string, EnvRow>();
  for (const { program, variables } of described) {
    for (const v of variables) {
      const description = v.description || descriptionOf.get(v.name) || '';
      const key = JSON.stringify([v.name, v.required, v.default, description]);
      const row = rows.get(key);
      if (row) row.programs.push(program);
      else rows.set(key, { ...v, description, programs: [program] });
    }
  }
  return [...rows.values()];
}

// A pipe inside a cell would end it.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The Markdown table of `rows`. */
export function renderEnvTable(rows: readonly EnvRow[] = collectEnvRows()): string {
  const lines = [
    '| Variable | Read by | Required | Default | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) =>
      [
        '',
        ` \`${row.name}\` `,
        ` ${row.programs.join(', ')} `,
        ` ${row.required ? 'yes' : 'no'} `,
        ` ${row.default === undefined ? 'unset' : cell(`\`${row.default}\``)} `,
        ` ${cell(row.description)} `,
        '',
      ].join('|'),
    ),
  ];
  return lines.join('\n');
}

/** Where the table lives. */
export const RUNBOOK_PATH = path.resolve(__dirname, '../../../docs/RUNBOOK.md');

async function main(argv: readonly string[]): Promise<void> {
  const table = renderEnvTable();
  if (!argv.includes('--write')) {
    process.stdout.write(`${table}\n`);
    return;
  }
  const updated = replaceBetweenMarkers(readFileSync(RUNBOOK_PATH, 'utf8'), table);
  // Prettier aligns the table as CI's format check expects.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(RUNBOOK_PATH)) ?? {};
  writeFileSync(RUNBOOK_PATH, await prettier.format(updated, { ...options, parser: 'markdown' }));
  process.stdout.write(`updated ${path.relative(process.cwd(), RUNBOOK_PATH)}\n`);
}

if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
