import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { installJobQueue } from '@stratum/destinations/testing';
// The docs checker is a tool, not a library; only the docs tests reach for it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { extractCurlExamples, runCurlExamples } from '../../../../tools/src/docs/curl-examples';
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CurlResult } from '../../../../tools/src/docs/curl-examples';
import { createAdminTestApp } from '../testing/admin-test-app';
import type { AdminTestApp } from '../testing/admin-test-app';

const API_MD = path.join(__dirname, '../../../../docs/API.md');
const RECEIVER_URL = 'https://hooks.example.com/stratum';

let t: AdminTestApp;
let server: Server;
let results: CurlResult[];
let destinationId: string;
let deliveryId: string;

// Production settings (private targets refused); nothing is sent: no worker runs here.
beforeAll(async () => {
  t = await createAdminTestApp();
  await installJobQueue(t.testDb.url);
  // What the reader keeps from "Create a destination" and the test send.
  const created = await request(t.app)
    .post('/api/v1/cdp/destinations')
    .set('Authorization', t.secretAuth)
    .send({ name: 'Docs', url: RECEIVER_URL });
  destinationId = created.body.destination_id as string;
  const sent = await request(t.app)
    .post(`/api/v1/cdp/destinations/${destinationId}/test`)
    .set('Authorization', t.secretAuth);
  deliveryId = sent.body.delivery_id as string;

  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const examples = extractCurlExamples(readFileSync(API_MD, 'utf8')).filter(
    (e) => e.section === 'Destinations',
  );
  results = await runCurlExamples(examples, {
    ADMIN_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    SECRET_KEY: t.tenant.secretKey.key,
    RECEIVER_URL,
    DESTINATION_ID: destinationId,
    DELIVERY_ID: deliveryId,
  });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('docs/API.md, Destinations section', () => {
  it('has an annotated example for every route', () => {
    const paths = results.map((r) =>
      new URL(r.request.url).pathname.replace(destinationId, '{id}').replace(deliveryId, '{d}'),
    );
    expect(new Set(paths)).toEqual(
      new Set([
        '/api/v1/cdp/destinations',
        '/api/v1/cdp/destinations/{id}',
        '/api/v1/cdp/destinations/{id}/test',
        '/api/v1/cdp/destinations/{id}/deliveries',
        '/api/v1/cdp/destinations/{id}/deliveries/{d}/replay',
        '/api/v1/cdp/destinations/{id}/replay-dead',
      ]),
    );
    expect(results.every((r) => r.expectedStatus !== undefined)).toBe(true);
  });

  it('answers every example with its annotated status', () => {
    const mismatches = results
      .filter((r) => r.status !== r.expectedStatus)
      .map((r) => ({
        line: r.example.line,
        expected: r.expectedStatus,
        got: r.status,
        body: r.body,
      }));
    expect(mismatches).toEqual([]);
  });

  it('creates the destination shown, with its secret', () => {
    const created = results.find((r) => r.status === 201);
    expect(created?.body).toMatchObject({
      name: 'CRM sync',
      url: RECEIVER_URL,
      events: { names: ['Order Completed'] },
      profile_updates: true,
      consent_purpose: 'marketing',
      alerts: true,
      secret: expect.stringMatching(/^whsec_/),
    });
  });

  it('refuses the metadata address as shown', () => {
    const refused = results.find((r) => r.status === 400);
    expect(refused?.body).toMatchObject({
      detail: 'The request body is invalid',
      errors: [
        {
          path: 'url',
          message:
            'must not be a private, loopback or link-local address (DESTINATIONS_ALLOW_PRIVATE is off)',
        },
      ],
    });
  });
});
