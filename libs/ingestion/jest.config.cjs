module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'ingestion',
  rootDir: __dirname,
  testEnvironment: 'node',
  globalSetup: '<rootDir>/../../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/test-server/test-database-teardown.ts',
};
