// Shared jest settings: SWC for speed, workspace aliases mirrored from tsconfig.base.json.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;

// The documentation checks (curl examples run against the apps, the env table, the OpenAPI
// drift, the monitoring files...): tools/src/docs and tools/src/docs-tests, and every spec
// whose file name contains "docs". They run on their own (jest.docs.config.cjs, the
// workspace's test-docs target, part of `npm test`), not in the main run.
const DOCS_SPECS = '/tools/src/docs(-tests)?/|/[^/]*docs[^/]*\\.spec\\.tsx?$';
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(root, target),
  ]),
);

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', DOCS_SPECS],
  collectCoverageFrom: ['<rootDir>/src/**/*.{ts,tsx}', '!<rootDir>/src/**/*.spec.{ts,tsx}'],
};
