module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'profile-api',
  rootDir: __dirname,
  testEnvironment: 'node',
};
