import { serializeWebhookPayload, webhookMessageId } from './webhook-payload';

describe('webhook payloads', () => {
  it('are compact JSON in the order type, timestamp, data', () => {
    expect(
      serializeWebhookPayload({
        type: 'segment.entered',
        timestamp: '2026-11-24T12:00:00.000Z',
        data: { profile_id: 'p1' },
      }),
    ).toBe(
      '{"type":"segment.entered","timestamp":"2026-11-24T12:00:00.000Z","data":{"profile_id":"p1"}}',
    );
  });

  it('name a delivery msg_ and its id, with nothing a signature could confuse', () => {
    const id = webhookMessageId('7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10');
    expect(id).toBe('msg_7d1c5c1e0b6a4c559a532f1f4f4d3a10');
    expect(webhookMessageId('7d1c5c1e-0b6a-4c55-9a53-2f1f4f4d3a10')).toBe(id);
  });
});
