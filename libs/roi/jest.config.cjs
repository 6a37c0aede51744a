module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'roi',
  rootDir: __dirname,
  testEnvironment: 'node',
};
