module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'db',
  rootDir: __dirname,
  testEnvironment: 'node',
  // kysely 0.29 ships only ES modules, which jest-runtime cannot require on Node 20: let the
  // SWC transform compile it to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!kysely/)'],
  globalSetup: '<rootDir>/src/test-server/test-database-setup.ts',
  globalTeardown: '<rootDir>/src/test-server/test-database-teardown.ts',
};
