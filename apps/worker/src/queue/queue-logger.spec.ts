import { createTestLogger } from '@stratum/http/testing';
import { createQueueLogger } from './queue-logger';

describe('createQueueLogger', () => {
  it('writes the queue’s lines as ours, a job’s success at debug only', () => {
    const log = createTestLogger('info');
    const queue = createQueueLogger(log.logger).scope({ workerId: 'w1', taskIdentifier: 't' });
    queue.info('Completed task 42 (segment-membership, 13.19ms) with success');
    queue.info('Worker connected and looking for jobs...');
    queue.error('Failed task 43 (webhook-deliver, 5.00ms) with error boom');
    expect(log.lines().map((l) => [l.level, l.message])).toEqual([
      ['info', 'Worker connected and looking for jobs...'],
      ['error', 'Failed task 43 (webhook-deliver, 5.00ms) with error boom'],
    ]);
    expect(log.lines()[0]).toMatchObject({ component: 'queue', worker_id: 'w1', task: 't' });
  });
});
