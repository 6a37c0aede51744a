import { AppError } from '@stratum/http';

/**
 * How many pooled connections exports may hold at once: half the pool at most, so look-ups
 * always keep the other half. Each export holds one for its whole length, and may hold a
 * second (see {@link ExportSlots.tryExtra}).
 */
export class ExportSlots {
  #held = 0;

  constructor(readonly limit: number) {}

  /** Slots for a pool of `poolMax` connections: half of them, at least one. */
  static forPool(poolMax: number): ExportSlots {
    return new ExportSlots(Math.max(1, Math.floor(poolMax / 2)));
  }

  /**
   * Runs `work` in a slot, freed when it settles.
   * @throws AppError SERVICE_UNAVAILABLE (with Retry-After) when every slot is taken
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#held >= this.limit) {
      throw new AppError('SERVICE_UNAVAILABLE', {
        detail: `Exports hold ${this.limit} database connections, the most this server gives them; retry shortly`,
        retryAfterSeconds: 10,
      });
    }
    this.#held += 1;
    try {
      return await work();
    } finally {
      this.#held -= 1;
    }
  }

  /**
   * A second slot for an export already running, only when one stays free after it for the
   * next export to start. Returns the function that gives it back (once), or undefined.
   */
  tryExtra(): (() => void) | undefined {
    if (this.#held + 1 >= this.limit) return undefined;
    this.#held += 1;
    let held = true;
    return () => {
      if (held) this.#held -= 1;
      held = false;
    };
  }
}
