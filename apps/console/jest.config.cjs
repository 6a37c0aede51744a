const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  globalSetup: '<rootDir>/../../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../../libs/db/src/test-server/test-database-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/src/testing/jest-setup.ts'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '\\.css$': '<rootDir>/src/testing/style-stub.cjs',
  },
};
