module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'http',
  rootDir: __dirname,
  testEnvironment: 'node',
  // No PostgreSQL needed: database failures come from the pg driver against scripted sockets.
  coverageThreshold: { global: { statements: 85, branches: 85, functions: 85, lines: 85 } },
};
