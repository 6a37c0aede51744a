import path from 'node:path';

/** The repository's root: `apps/`, `node_modules/` and `tsconfig.base.json` are here. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** The server apps that ship as one bundled `main.js` each (the APIs, and the worker). */
export type ApiAppName = 'ingest-api' | 'profile-api' | 'admin-api' | 'worker';
