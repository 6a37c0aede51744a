/**
 * `npm run bench [-- --quick]`: measures ingest throughput and latency, the raw COPY
 * reference, profile look-ups, webhook deliveries, memory and CPU, then checks correctness. Prints a table and
 * writes the same figures as JSON. Exit code 1 when a correctness check fails or the run
 * breaks; a missed speed target is reported, not failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { USAGE, parseBenchCommand } from './bench-config';
import { formatReport } from './report/format-report';
import { runBench } from './run-bench';

async function main(): Promise<number> {
  const command = parseBenchCommand(process.argv.slice(2), process.env);
  if (command.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await runBench(command.options);
  process.stdout.write(formatReport(report));
  mkdirSync(path.dirname(command.jsonPath), { recursive: true });
  writeFileSync(command.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nJSON report: ${path.relative(process.cwd(), command.jsonPath)}`);
  return report.correctness.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
