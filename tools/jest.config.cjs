module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'tools',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../libs/db/src/test-server/test-database-teardown.ts',
};
