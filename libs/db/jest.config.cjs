module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'db',
  rootDir: __dirname,
  testEnvironment: 'node',
  globalSetup: '<rootDir>/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/src/test-server/test-database-teardown.ts',
};
