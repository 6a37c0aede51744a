import { createTestDatabase, createTestTenant } from '@stratum/db/testing';
import type { TestDatabase } from '@stratum/db/testing';
import { installJobQueue } from '@stratum/destinations/testing';
import { createTestLogger } from '@stratum/http/testing';
import { findPrivacyRequest, submitPrivacyRequest } from '@stratum/privacy';
import { hashed, seedEvents } from '@stratum/privacy/testing';
import { nextEvent, startTestRunner } from '../testing/queue-under-test';
import type { RunnerUnderTest } from '../testing/queue-under-test';
import { PRIVACY_REQUEST_TASK, privacyRequestTask } from './privacy-request.task';

let testDb: TestDatabase;
let tenantId: string;
let runner: RunnerUnderTest;
const { logger, lines } = createTestLogger('info');

beforeAll(async () => {
  testDb = await createTestDatabase();
  tenantId = (await createTestTenant(testDb.db)).tenant.tenantId;
  await installJobQueue(testDb.url);
  await seedEvents(testDb.db, tenantId, [
    { identifiers: [{ type: 'email', value: 'grace@example.com' }] },
  ]);
  runner = await startTestRunner(testDb.url, {
    taskList: { [PRIVACY_REQUEST_TASK]: privacyRequestTask({ db: testDb.db, logger }) },
  });
  // Installing the queue's schema takes seconds on a busy server.
}, 60_000);
afterAll(async () => {
  await runner.close();
  await testDb.destroy();
});

describe('the privacy-request task', () => {
  it('runs a queued access request to done and logs ids and counts, never an identifier', async () => {
    const done = nextEvent(runner.events, 'job:success');
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'access',
      [hashed('email', 'grace@example.com')],
      { queue: true },
    );
    await done;
    expect(await findPrivacyRequest(testDb.db, tenantId, request.requestId)).toMatchObject({
      status: 'done',
      profilesAffected: 1,
    });
    const logged = lines().find((l) => l['message'] === 'privacy request done');
    expect(logged).toMatchObject({ request_id: request.requestId, type: 'access' });
    expect(JSON.stringify(lines())).not.toContain(hashed('email', 'grace@example.com').hash);
  });

  it('erases through the queue, ending with the hashes gone from the request and the log', async () => {
    const done = nextEvent(runner.events, 'job:success');
    const request = await submitPrivacyRequest(
      testDb.db,
      tenantId,
      'erase',
      [hashed('email', 'grace@example.com')],
      { queue: true },
    );
    await done;
    expect(await findPrivacyRequest(testDb.db, tenantId, request.requestId)).toMatchObject({
      status: 'done',
      profilesAffected: 1,
      identifiers: [{ type: 'email', hash: null }],
      counts: expect.objectContaining({ events: 1, profiles: 1 }),
    });
    expect(JSON.stringify(lines())).not.toContain(hashed('email', 'grace@example.com').hash);
  });
});
