const preset = require('../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'tools',
  rootDir: __dirname,
  globalSetup: '<rootDir>/../libs/db/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/../libs/db/src/test-server/test-database-teardown.ts',
  // The documentation checkers run with the documentation checks (jest.docs.config.cjs).
  collectCoverageFrom: [
    ...preset.collectCoverageFrom,
    '!<rootDir>/src/docs/**',
    '!<rootDir>/src/docs-tests/**',
  ],
};
