import { Migrator, NO_MIGRATIONS } from 'kysely';
import type { MigrationResultSet } from 'kysely';
import type { Db } from '../database';
import { MIGRATIONS, staticMigrationProvider } from './migrations';

/** What happened to one migration in a run. */
export interface MigrationOutcome {
  migrationName: string;
  direction: 'Up' | 'Down';
  status: 'Success' | 'Error' | 'NotExecuted';
}

/** One known migration and when it was applied (`null`: pending). */
export interface MigrationStatus {
  name: string;
  executedAt: Date | null;
}

/** A migration run that failed; `outcomes` says which migrations ran before the failure. */
class MigrationError extends Error {
  readonly outcomes: MigrationOutcome[];

  constructor(action: string, cause: unknown, outcomes: MigrationOutcome[]) {
    const failed = outcomes.find((o) => o.status === 'Error');
    const where = failed ? ` in ${failed.migrationName}` : '';
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${action} failed${where}: ${reason}`, { cause });
    this.name = 'MigrationError';
    this.outcomes = outcomes;
  }
}

function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: staticMigrationProvider });
}

function unwrap(action: string, resultSet: MigrationResultSet): MigrationOutcome[] {
  const outcomes = (resultSet.results ?? []).map(({ migrationName, direction, status }) => ({
    migrationName,
    direction,
    status,
  }));
  if (resultSet.error !== undefined) {
    throw new MigrationError(action, resultSet.error, outcomes);
  }
  return outcomes;
}

/**
 * Applies every pending migration, in one transaction.
 * @returns the migrations applied (empty when already up to date)
 * @throws {@link MigrationError} naming the failed migration; nothing is applied then
 */
export async function migrateToLatest(db: Db): Promise<MigrationOutcome[]> {
  return unwrap('migrate to latest', await createMigrator(db).migrateToLatest());
}

/**
 * Reverts the most recent migration (one step).
 * @returns the migration reverted (empty when none was applied)
 * @throws {@link MigrationError}
 */
export async function migrateDown(db: Db): Promise<MigrationOutcome[]> {
  return unwrap('migrate down', await createMigrator(db).migrateDown());
}

/**
 * Reverts `name` and every migration after it, newest first: the schema as it was before
 * `name` (a migration's own test goes down through it, whatever came later).
 * @returns the migrations reverted, newest first
 * @throws {@link MigrationError}
 */
export async function migrateDownThrough(db: Db, name: string): Promise<MigrationOutcome[]> {
  const before = Object.keys(MIGRATIONS)
    .sort()
    .filter((n) => n < name)
    .at(-1);
  const target = before ?? NO_MIGRATIONS;
  return unwrap(`migrate down through ${name}`, await createMigrator(db).migrateTo(target));
}

/**
 * Reverts every migration, newest first: the database is left without any of our tables.
 * @throws {@link MigrationError}
 */
export async function migrateDownAll(db: Db): Promise<MigrationOutcome[]> {
  return unwrap('migrate down all', await createMigrator(db).migrateTo(NO_MIGRATIONS));
}

/** Lists every known migration in order, with the time it was applied or `null`. */
export async function getMigrationStatus(db: Db): Promise<MigrationStatus[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
