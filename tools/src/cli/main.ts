import { Command, CommanderError } from 'commander';
import { describeError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli-errors';
import { processIo } from './cli-io';
import type { CliIo } from './cli-io';
import { registerExportCommands } from './export.command';
import { registerKeyCommands } from './key.command';
import { registerMigrateCommands } from './migrate.command';
import { registerPartitionsCommands } from './partitions.command';
import { registerPrivacyCommands } from './privacy.command';
import { registerQualityCommands } from './quality.command';
import { registerRetentionCommands } from './retention.command';
import { registerSeedCommands } from './seed.command';
import { registerSourceCommands } from './source.command';
import { registerTenantCommands } from './tenant.command';

function buildProgram(io: CliIo): Command {
  const program = new Command('cdp')
    .description(
      'Stratum CDP administration. Reads the database from DATABASE_URL; `export` reads the ' +
        'profile API (CDP_PROFILE_URL, key in CDP_API_KEY).',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  const ctx = { io };
  registerMigrateCommands(program, ctx);
  registerTenantCommands(program, ctx);
  registerKeyCommands(program, ctx);
  registerSourceCommands(program, ctx);
  registerPartitionsCommands(program, ctx);
  registerRetentionCommands(program, ctx);
  registerSeedCommands(program, ctx);
  registerPrivacyCommands(program, ctx);
  registerQualityCommands(program, ctx);
  registerExportCommands(program, ctx);
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after `cdp`).
 * @returns the exit code: 0 ok, 1 runtime or database failure, 2 usage error
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    // Commander has already printed its own message (unknown command, bad option, help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    io.stderr(`error: ${describeError(error)}\n`);
    return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
}

// Run when executed (`tsx tools/src/cli/main.ts`, bin/cdp.cjs), not when imported by tests.
if (typeof require !== 'undefined' && require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
