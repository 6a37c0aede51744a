import { AppError } from '@stratum/http';

/**
 * How many exports may run at once. Each holds a pooled connection for its whole length, so
 * they get half the pool at most and look-ups always keep the other half.
 */
export class ExportSlots {
  #running = 0;

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
    if (this.#running >= this.limit) {
      throw new AppError('SERVICE_UNAVAILABLE', {
        detail: `${this.limit} exports are running, the most this server runs at once; retry shortly`,
        retryAfterSeconds: 10,
      });
    }
    this.#running += 1;
    try {
      return await work();
    } finally {
      this.#running -= 1;
    }
  }
}
