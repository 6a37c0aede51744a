module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'compat',
  rootDir: __dirname,
  testEnvironment: 'node',
  coverageThreshold: { global: { statements: 90, branches: 90, functions: 90, lines: 90 } },
};
