/** Reads whose coverage is not yet known, at most: beyond it the oldest are forgotten (safe: later). */
const MAX_PENDING = 10_000;

interface PendingRead {
  startedAt: number;
  xmax: bigint;
}

/**
 * The time up to which every committed change has been applied. A read of the feed notes
 * when it began and its snapshot's xmax: every transaction that had committed by then has an
 * id below that xmax. Once the tail has applied everything below a horizon at or past that
 * xmax, those transactions' changes are all applied, so the read's start time is covered.
 * A long writing transaction holds the horizon back and so this clock, never the answers.
 */
export class FreshnessClock {
  private readonly pending: PendingRead[] = [];
  private coveredUpTo: number | undefined;

  /** A read of the feed began at `startedAt` (epoch ms) with this snapshot xmax. */
  read(startedAt: number, xmax: bigint): void {
    this.pending.push({ startedAt, xmax });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  /** Every change of the transactions below `horizon` has been applied. */
  caughtUp(horizon: bigint): void {
    while (this.pending.length > 0 && this.pending[0]!.xmax <= horizon) {
      this.coveredUpTo = this.pending.shift()!.startedAt;
    }
  }

  /** How long ago the covered point is, in ms (Infinity before the first). */
  lagMs(now: number): number {
    return this.coveredUpTo === undefined ? Infinity : Math.max(0, now - this.coveredUpTo);
  }
}
