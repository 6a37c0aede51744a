const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'worker',
  rootDir: __dirname,
  testEnvironment: 'node',
  // kysely 0.29 ships only ES modules, which jest-runtime cannot require on Node 20: let the
  // SWC transform compile it to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!kysely/)'],
  // Each *.int.spec.ts file gets its own database, cloned from a migrated template.
  globalSetup: '<rootDir>/../../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/test-server/test-database-teardown.ts',
  // Test fixtures are not the app.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!<rootDir>/src/testing/**'],
  coverageThreshold: {
    global: { lines: 80, statements: 80, functions: 80, branches: 70 },
  },
};
