module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'resolution',
  rootDir: __dirname,
  testEnvironment: 'node',
};
