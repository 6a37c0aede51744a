import { hash } from 'node:crypto';

/**
 * The query texts a pool runs as named prepared statements. PostgreSQL then parses and plans
 * such a text once per connection instead of on every run: for a short read that is most of
 * its cost. Only texts registered here are prepared, so a pool never accumulates statements
 * for one-off queries.
 */
export class PreparedStatements {
  readonly #names = new Map<string, string>();

  /** Registers a text (idempotent). Its name is derived from it, so it is the same everywhere. */
  add(text: string): void {
    if (!this.#names.has(text))
      this.#names.set(text, `stratum_${hash('sha256', text).slice(0, 24)}`);
  }

  /** The statement name of a registered text; `undefined` for any other. */
  nameOf(text: string): string | undefined {
    return this.#names.get(text);
  }
}
