/** What one attempt's answer means for the delivery (Standard Webhooks' status handling). */
export type AttemptOutcome = 'delivered' | 'retry' | 'disable';

/**
 * 2xx delivered; 410 Gone: the receiver wants nothing more, so the destination is disabled;
 * anything else, redirects included (never followed), is retried on the schedule.
 */
export function attemptOutcome(status: number): AttemptOutcome {
  if (status >= 200 && status <= 299) return 'delivered';
  if (status === 410) return 'disable';
  return 'retry';
}
