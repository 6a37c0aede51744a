const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'schemas',
  rootDir: __dirname,
  testEnvironment: 'node',
  // write-openapi.ts is a build script (it writes files); the drift tests cover what it writes.
  collectCoverageFrom: [...preset.collectCoverageFrom, '!<rootDir>/src/openapi/write-openapi.ts'],
  coverageThreshold: { global: { statements: 90, branches: 90, functions: 90, lines: 90 } },
};
