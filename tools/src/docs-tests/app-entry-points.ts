/**
 * The apps as the documentation checks need them: their config schemas (for the environment
 * table) and their app or metrics factories (for the metric names /metrics exposes).
 *
 * Tools may depend on libraries only, and apps publish no entry point. These checks exist to
 * keep the docs true to the apps, so they read the apps' own modules by relative path; every
 * such import lives in this one file, so the exception stays visible and small. Apps never
 * import tools' docs checks, so this adds no cycle into production code.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the app's real config schema
import { IngestConfigSchema } from '../../../apps/ingest-api/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks build the real app to read /metrics
import { createApp as createIngestApp } from '../../../apps/ingest-api/src/app';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the app's real config schema
import { ProfileConfigSchema } from '../../../apps/profile-api/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks build the real app to read /metrics
import { createApp as createProfileApp } from '../../../apps/profile-api/src/app';

// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the app's real config schema
import { AdminConfigSchema } from '../../../apps/admin-api/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks build the real app to read /metrics
import { createApp as createAdminApp } from '../../../apps/admin-api/src/app';

// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the app's real config schema
import { WorkerConfigSchema } from '../../../apps/worker/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the app's real config schema
import { ConsoleConfigSchema } from '../../../apps/console/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the worker's real metrics
import { createWorkerMetrics } from '../../../apps/worker/src/metrics/worker-metrics';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the worker's real task names
import { TASK_NAMES as WORKER_TASK_NAMES } from '../../../apps/worker/src/tasks';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the worker's real quality metrics
import { createQualityMetrics } from '../../../apps/worker/src/quality/quality-metrics';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the worker's real webhook metrics
import { createDestinationMetrics } from '../../../apps/worker/src/destinations/destination-metrics';
// eslint-disable-next-line @nx/enforce-module-boundaries -- docs checks read the worker's real inbox metrics
import { createInboxMetrics } from '../../../apps/worker/src/inbox/inbox-metrics';

export {
  AdminConfigSchema,
  createInboxMetrics,
  ConsoleConfigSchema,
  IngestConfigSchema,
  ProfileConfigSchema,
  WorkerConfigSchema,
  WORKER_TASK_NAMES,
  createAdminApp,
  createDestinationMetrics,
  createIngestApp,
  createProfileApp,
  createQualityMetrics,
  createWorkerMetrics,
};
