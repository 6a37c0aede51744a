const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'admin-api',
  rootDir: __dirname,
  testEnvironment: 'node',
  // Each *.int.spec.ts file gets its own database, cloned from a migrated template.
  globalSetup: '<rootDir>/../../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/test-server/test-database-teardown.ts',
  // Test fixtures are not the app.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!<rootDir>/src/testing/**'],
};
