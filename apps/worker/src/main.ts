import { bootWorker } from './boot-worker';

bootWorker().catch(() => {
  process.exitCode = 1;
});
