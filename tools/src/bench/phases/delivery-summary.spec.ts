import { summarizeDeliveries } from './delivery-summary';
import type { WebhookArrival } from './webhook-receiver';

const arrival = (
  at: number,
  webhookId: string,
  eventId: string | undefined,
  valid = true,
): WebhookArrival => ({ at, webhookId, eventId, valid });

describe('summarizeDeliveries', () => {
  it('times each event from its answer to its first valid arrival', () => {
    const answered = new Map([
      ['e1', 1000],
      ['e2', 1100],
      ['e3', 1200],
    ]);
    const summary = summarizeDeliveries(answered, [
      arrival(1500, 'msg_1', 'e1'),
      arrival(1700, 'msg_2', 'e2'),
      arrival(3000, 'msg_3', 'e3'),
    ]);
    expect(summary).toMatchObject({
      expected: 3,
      delivered: 3,
      undelivered: 0,
      duplicates: 0,
      signatureFailures: 0,
      unexpected: 0,
      requests: 3,
      // 3 deliveries from 1.5 s to 3 s.
      deliveriesPerSecond: 2,
    });
    expect(summary.latency).toMatchObject({ count: 3, p50: 600, max: 1800 });
  });

  it('counts a repeated webhook-id once as a delivery and once as a duplicate', () => {
    const answered = new Map([
      ['e1', 0],
      ['e2', 0],
    ]);
    const summary = summarizeDeliveries(answered, [
      arrival(100, 'msg_1', 'e1'),
      arrival(300, 'msg_2', 'e2'),
      arrival(900, 'msg_1', 'e1'),
    ]);
    expect(summary).toMatchObject({ delivered: 2, duplicates: 1, requests: 3 });
    expect(summary.latency.max).toBe(300);
  });

  it('delivers nothing with a bad signature, and tells apart what the phase did not send', () => {
    const answered = new Map([
      ['e1', 0],
      ['e2', 0],
    ]);
    const summary = summarizeDeliveries(answered, [
      arrival(100, 'msg_1', 'e1', false),
      arrival(200, 'msg_2', 'e2'),
      arrival(300, 'msg_3', 'other'),
      arrival(400, 'msg_4', undefined),
    ]);
    expect(summary).toMatchObject({
      expected: 2,
      delivered: 1,
      undelivered: 1,
      signatureFailures: 1,
      unexpected: 2,
      // One delivery spans no time: no rate.
      deliveriesPerSecond: 0,
    });
  });

  it('summarizes no arrivals as everything undelivered', () => {
    const summary = summarizeDeliveries(new Map([['e1', 0]]), []);
    expect(summary).toMatchObject({ delivered: 0, undelivered: 1, deliveriesPerSecond: 0 });
    expect(summary.latency.count).toBe(0);
  });
});
