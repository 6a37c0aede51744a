import { sql } from 'kysely';
import type { Db } from '@stratum/db';
import { LatencyRecorder } from '../load/latency';

interface Pending {
  segmentId: string;
  profileId: string;
  /** performance.now() when the answer that made the profile a member arrived. */
  answeredAt: number;
}

/**
 * Watches sampled (segment, profile) pairs until the profile's membership row is visible
 * in cdp_segment_members, polling every `pollMs` with one query for all pending pairs. A
 * profile merged away meanwhile counts through its survivor. The lag of a pair is from the
 * ingest answer to the start of the first poll that saw the row, so it is exact to within
 * one poll interval.
 */
export class MembershipSampler {
  private pending: Pending[] = [];
  /** The pairs of the poll under way. */
  private inFlight: Pending[] = [];
  private readonly lags = new Map<string, LatencyRecorder>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    private readonly pollMs: number,
  ) {}

  /** Starts watching a pair whose answer arrived just now. */
  add(segmentId: string, profileId: string): void {
    this.pending.push({ segmentId, profileId, answeredAt: performance.now() });
  }

  get pendingCount(): number {
    return this.pending.length + this.inFlight.length;
  }

  /** The lags seen so far (ms), by segment id. */
  lagsOf(segmentId: string): LatencyRecorder {
    let recorder = this.lags.get(segmentId);
    if (recorder === undefined) this.lags.set(segmentId, (recorder = new LatencyRecorder()));
    return recorder;
  }

  start(): void {
    const tick = () => {
      this.polling = this.poll().then(
        () => {
          this.timer = setTimeout(tick, this.pollMs);
        },
        (error: unknown) => {
          this.failure = error instanceof Error ? error : new Error(JSON.stringify(error));
        },
      );
    };
    this.timer = setTimeout(tick, this.pollMs);
  }

  /** Polls until nothing is pending or `timeoutMs` passed; then stops. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.pendingCount > 0 && performance.now() < deadline && this.failure === undefined) {
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
    await this.stop();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling;
    const failure = this.failure;
    if (failure !== undefined) throw failure;
  }

  private async poll(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = batch;
    const startedAt = performance.now();
    const { rows } = await sql<{ segment_id: string; profile_id: string }>`
      SELECT s.segment_id, s.profile_id
      FROM unnest(${batch.map((p) => p.segmentId)}::uuid[], ${batch.map((p) => p.profileId)}::uuid[])
        AS s(segment_id, profile_id)
      JOIN cdp_profiles p ON p.tenant_id = ${this.tenantId} AND p.profile_id = s.profile_id
      WHERE EXISTS (SELECT 1 FROM cdp_segment_members m
        WHERE m.tenant_id = ${this.tenantId} AND m.segment_id = s.segment_id
          AND m.profile_id = coalesce(p.merged_into, p.profile_id))
    `.execute(this.db);
    const seen = new Set(rows.map((r) => `${r.segment_id}/${r.profile_id}`));
    const still: Pending[] = [];
    for (const pair of batch) {
      if (seen.has(`${pair.segmentId}/${pair.profileId}`)) {
        this.lagsOf(pair.segmentId).record(Math.max(0, startedAt - pair.answeredAt));
      } else {
        still.push(pair);
      }
    }
    // Pairs added while the query ran were not in it: they wait for the next poll.
    this.pending = [...still, ...this.pending];
    this.inFlight = [];
  }
}
