// The documentation checks, apart from the main run (jest.config.cjs), which leaves them out:
// every project as its own config sets it up (database, environment, transforms), keeping
// only the specs jest.preset.cjs names as documentation checks. `nx run workspace:test-docs`
// runs this; `npm test` includes it.
const { readdirSync, existsSync } = require('node:fs');
const path = require('node:path');
const preset = require('./jest.preset.cjs');

const docsSpecs = preset.testPathIgnorePatterns.filter((p) => p !== '/node_modules/');
const projectDirs = [
  ...['apps', 'libs'].flatMap((group) =>
    readdirSync(path.join(__dirname, group)).map((name) => path.join(__dirname, group, name)),
  ),
  path.join(__dirname, 'tools'),
].filter((dir) => existsSync(path.join(dir, 'jest.config.cjs')));

function docsOnly(dir) {
  const config = { ...require(path.join(dir, 'jest.config.cjs')) };
  // Coverage is the main run's business (and thresholds only a root config's).
  delete config.coverageThreshold;
  return {
    ...config,
    testPathIgnorePatterns: ['/node_modules/', ...docsSpecs.map((p) => `^(?!.*(?:${p}))`)],
  };
}

module.exports = {
  projects: projectDirs.map(docsOnly),
};
