import { Analytics as SegmentAnalytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { PostHog } from 'posthog-node';

/** A Stratum-shaped write key, made up for the fixtures: never a real one. */
const FIXTURE_WRITE_KEY = 'cdp_wk_Zm9yLWZpeHR1cmVzLW9ubHktbm90LWEtcmVhbC1rZXk';

// One made-up person, the same for every vendor so the fixtures compare side by side.
const PERSON = {
  userId: 'crm-4711',
  anonymousId: '5f1c7e2a-9b3d-4c1e-8a47-0d2b6e9f4a13',
  deviceId: 'b7e4a1c9-2f60-4d8e-9c35-61a0f2d7e884',
  traits: { email: 'jane.doe@example.com', phone: '+1 415 555 0100', plan: 'pro' },
};
const ORDER = { order_id: 'A-1001', revenue: 129.9, currency: 'EUR' };
const GROUP = { groupId: 'acme-inc', traits: { name: 'Acme Inc', plan: 'enterprise' } };

/** One call through a client, resolved once the client has delivered it. */
interface Call {
  name: string;
  send(): Promise<void>;
}

/** A vendor's calls, each sent in a request of its own, then several sent in one batch. */
export interface Scenario {
  vendor: 'segment' | 'rudderstack' | 'posthog';
  client: string;
  calls: Call[];
  sendBatch(): Promise<void>;
}

type Callback = (error?: unknown) => void;
type Send = (message: object, callback: Callback) => unknown;

/** What analytics-node and rudder-sdk-node have in common: Segment's six calls. */
interface SegmentStyleClient {
  identify: Send;
  track: Send;
  page: Send;
  screen: Send;
  group: Send;
  alias: Send;
}

function delivered(send: Send, message: object): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    send(message, (error) =>
      error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(),
    ),
  );
}

function segmentStyleCalls(client: SegmentStyleClient): Call[] {
  const { userId, anonymousId, traits, deviceId } = PERSON;
  const call = (name: string, method: keyof SegmentStyleClient, message: object): Call => ({
    name,
    send: () => delivered(client[method].bind(client), message),
  });
  return [
    call('identify', 'identify', { userId, anonymousId, traits }),
    call('track', 'track', { userId, event: 'Order Completed', properties: ORDER }),
    call('track-with-context', 'track', {
      anonymousId,
      event: 'App Opened',
      properties: { from_background: false },
      context: { device: { id: deviceId }, traits: { email: traits.email } },
    }),
    call('page', 'page', {
      anonymousId,
      category: 'Docs',
      name: 'Pricing',
      properties: { path: '/pricing', url: 'https://www.example.com/pricing' },
    }),
    call('screen', 'screen', { userId, name: 'Checkout', properties: { step: 2 } }),
    call('group', 'group', { userId, ...GROUP }),
    call('alias', 'alias', { userId, previousId: anonymousId }),
  ];
}

/** @segment/analytics-node with its defaults. */
export function segmentScenario(host: string, version: string): Scenario {
  const one = new SegmentAnalytics({ writeKey: FIXTURE_WRITE_KEY, host, flushAt: 1 });
  const many = new SegmentAnalytics({ writeKey: FIXTURE_WRITE_KEY, host, flushAt: 20 });
  return {
    vendor: 'segment',
    client: `@segment/analytics-node@${version}`,
    calls: segmentStyleCalls(one as unknown as SegmentStyleClient),
    sendBatch: async () => {
      const sent = segmentStyleCalls(many as unknown as SegmentStyleClient)
        .filter((call) => ['identify', 'track', 'alias'].includes(call.name))
        .map((call) => call.send());
      await many.closeAndFlush();
      await Promise.all(sent);
    },
  };
}

/** @rudderstack/rudder-sdk-node with its defaults (gzip on). */
export function rudderstackScenario(dataPlaneUrl: string, version: string): Scenario {
  const options = { dataPlaneUrl, logLevel: 'error' };
  const one = new RudderAnalytics(FIXTURE_WRITE_KEY, { ...options, flushAt: 1 });
  const many = new RudderAnalytics(FIXTURE_WRITE_KEY, { ...options, flushInterval: 60_000 });
  return {
    vendor: 'rudderstack',
    client: `@rudderstack/rudder-sdk-node@${version}`,
    calls: segmentStyleCalls(one as unknown as SegmentStyleClient),
    // The client sends its very first message at once, alone; the rest wait for flush().
    sendBatch: async () => {
      const sent = segmentStyleCalls(many as unknown as SegmentStyleClient)
        .filter((call) => ['identify', 'track', 'page', 'alias'].includes(call.name))
        .map((call) => call.send());
      await many.flush();
      await Promise.all(sent);
    },
  };
}

// posthog-node's capture() queues its message a few promise turns later; flush() after that.
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/** posthog-node: identify with $anon_distinct_id, capture with $set/$set_once, alias, group. */
export function posthogScenario(host: string, version: string): Scenario {
  // Retries off so a capture that goes wrong fails at once instead of after 9 seconds.
  const options = { host, flushAt: 100, flushInterval: 0, fetchRetryCount: 0 };
  const one = new PostHog(FIXTURE_WRITE_KEY, options);
  const many = new PostHog(FIXTURE_WRITE_KEY, options);
  const { userId, anonymousId, traits } = PERSON;
  const enqueue: Record<string, (client: PostHog) => void> = {
    identify: (client) =>
      client.identify({
        distinctId: userId,
        properties: {
          $set: traits,
          $set_once: { initial_plan: 'free' },
          $anon_distinct_id: anonymousId,
        },
      }),
    capture: (client) =>
      client.capture({
        distinctId: userId,
        event: 'Order Completed',
        properties: { ...ORDER, $set: { plan: 'pro' }, $set_once: { first_order_id: 'A-1001' } },
      }),
    pageview: (client) =>
      client.capture({
        distinctId: anonymousId,
        event: '$pageview',
        properties: { $current_url: 'https://www.example.com/pricing' },
      }),
    'capture-with-groups': (client) =>
      client.capture({
        distinctId: userId,
        event: 'Report Exported',
        properties: { format: 'csv' },
        groups: { company: GROUP.groupId },
      }),
    'group-identify': (client) =>
      client.groupIdentify({
        groupType: 'company',
        groupKey: GROUP.groupId,
        properties: GROUP.traits,
      }),
    alias: (client) => client.alias({ distinctId: userId, alias: anonymousId }),
  };
  return {
    vendor: 'posthog',
    client: `posthog-node@${version}`,
    calls: Object.entries(enqueue).map(([name, send]) => ({
      name,
      send: async () => {
        send(one);
        await settled();
        await one.flush();
      },
    })),
    sendBatch: async () => {
      for (const name of ['identify', 'capture', 'alias']) enqueue[name]?.(many);
      await settled();
      await many.shutdown();
      await one.shutdown();
    },
  };
}
