import type { StatementResult } from './run-statements';
import type { SqlText } from './sql-literal';
import type { StatementRunner } from './statement-transaction';

/**
 * The statements of one round trip by name, in the order they run (the record's order). A
 * name may hold a group of its own, so that two parts of a transaction compose their
 * statements without their names meeting. An undefined statement is not sent.
 */
export interface NamedStatements {
  readonly [name: string]: SqlText | undefined | NamedStatements;
}

/** Each statement's result under its name: possibly undefined where it may not be sent. */
export type NamedResults<S extends NamedStatements> = {
  [K in keyof S]: S[K] extends string
    ? StatementResult
    : S[K] extends NamedStatements
      ? NamedResults<S[K]>
      : StatementResult | undefined;
};

function flatten(statements: NamedStatements, into: SqlText[]): SqlText[] {
  for (const statement of Object.values(statements)) {
    if (typeof statement === 'string') into.push(statement);
    else if (statement !== undefined) flatten(statement, into);
  }
  return into;
}

function name<S extends NamedStatements>(statements: S, results: StatementResult[]) {
  let next = 0;
  const walk = (group: NamedStatements): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(group).map(([key, statement]) => [
        key,
        typeof statement === 'string'
          ? results[next++]
          : statement === undefined
            ? undefined
            : walk(statement),
      ]),
    );
  return walk(statements) as NamedResults<S>;
}

/** Runs the named statements in one round trip (see StatementRunner.run). */
export async function runNamed<S extends NamedStatements>(
  runner: StatementRunner,
  statements: S,
): Promise<NamedResults<S>> {
  return name(statements, await runner.run(flatten(statements, [])));
}

/** Runs the transaction's last named statements in one round trip (StatementRunner.runLast). */
export async function runNamedLast<S extends NamedStatements>(
  runner: StatementRunner,
  statements: S,
): Promise<NamedResults<S>> {
  return name(statements, await runner.runLast(flatten(statements, [])));
}
