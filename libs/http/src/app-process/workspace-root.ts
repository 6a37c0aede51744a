import path from 'node:path';

/** The repository's root: `apps/`, `node_modules/` and `tsconfig.base.json` are here. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** The apps that boot with `bootApi` and ship as one bundled `main.js` each. */
export type ApiAppName = 'ingest-api' | 'profile-api';
