import { sqlText } from './sql-literal';
import { runNamed, runNamedLast } from './named-statements';
import type { StatementRunner } from './statement-transaction';

/** A runner that answers each statement with its own text, recording each round trip. */
function echoRunner() {
  const trips: { last: boolean; statements: readonly string[] }[] = [];
  const answer = (last: boolean) => (statements: readonly string[]) => {
    trips.push({ last, statements });
    return Promise.resolve(statements.map((s) => ({ rows: [{ s }], rowCount: 1 })));
  };
  const runner: StatementRunner = { run: answer(false), runLast: answer(true) };
  return { runner, trips };
}

describe('runNamed', () => {
  it('sends the statements in one round trip, in order, and names their results', async () => {
    const { runner, trips } = echoRunner();
    const results = await runNamed(runner, {
      claim: sqlText`A`,
      skipped: undefined,
      resolution: { lock: sqlText`B`, read: undefined, links: sqlText`C` },
      last: sqlText`D`,
    });
    expect(trips).toEqual([{ last: false, statements: ['A', 'B', 'C', 'D'] }]);
    expect(results.claim.rows).toEqual([{ s: 'A' }]);
    expect(results.skipped).toBeUndefined();
    expect(results.resolution.lock.rows).toEqual([{ s: 'B' }]);
    expect(results.resolution.read).toBeUndefined();
    expect(results.resolution.links.rows).toEqual([{ s: 'C' }]);
    expect(results.last.rows).toEqual([{ s: 'D' }]);
  });
});

describe('runNamedLast', () => {
  it('sends them as the transaction’s last round trip', async () => {
    const { runner, trips } = echoRunner();
    const results = await runNamedLast(runner, { only: sqlText`A` });
    expect(trips).toEqual([{ last: true, statements: ['A'] }]);
    expect(results.only.rows).toEqual([{ s: 'A' }]);
  });
});

describe('statements as text', () => {
  it('are SqlText only: a plain string does not compile, nor does a named one', () => {
    const { runner, trips } = echoRunner();
    const input: string = 'SELECT 1; DROP TABLE cdp_events';
    // @ts-expect-error a round trip takes statements made by sqlText and the literal helpers
    void runner.run([input]);
    // @ts-expect-error so does a named statement
    void runNamed(runner, { unsafe: input });
    expect(trips).toHaveLength(2);
  });
});
