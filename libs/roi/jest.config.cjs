module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'roi',
  rootDir: __dirname,
  testEnvironment: 'node',
  // A pure model with hand-checked cases: anything untested is a formula nobody verified.
  coverageThreshold: { global: { statements: 100, branches: 100, functions: 100, lines: 100 } },
};
