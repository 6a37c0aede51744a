module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'quality',
  rootDir: __dirname,
  testEnvironment: 'node',
};
