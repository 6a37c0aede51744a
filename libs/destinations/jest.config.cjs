const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'destinations',
  rootDir: __dirname,
  testEnvironment: 'node',
  globalSetup: '<rootDir>/../../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/test-server/test-database-teardown.ts',
  // The receiver and queue fixtures are exercised by the worker's tests, not the library.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!<rootDir>/src/testing.ts'],
};
