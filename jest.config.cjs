// Runs every project's tests in one jest process, so one summary counts them all.
module.exports = {
  projects: [
    '<rootDir>/apps/*/jest.config.cjs',
    '<rootDir>/libs/*/jest.config.cjs',
    '<rootDir>/tools/jest.config.cjs',
  ],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: {
    './libs/identity/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/db/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/resolution/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/http/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/schemas/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/roi/src/': { lines: 100, statements: 100, functions: 100, branches: 100 },
    './libs/client/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/compat/src/': { lines: 90, statements: 90, functions: 90, branches: 90 },
    './libs/segments/src/': { lines: 90, statements: 90, functions: 90, branches: 85 },
    './libs/changes/src/': { lines: 90, statements: 90, functions: 90, branches: 85 },
    './libs/webhooks/src/': { lines: 95, statements: 95, functions: 95, branches: 90 },
    './libs/quality/src/': { lines: 95, statements: 95, functions: 95, branches: 90 },
    './libs/destinations/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './libs/privacy/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './apps/web/src/roi-calculator/': { lines: 90, statements: 90, functions: 90, branches: 90 },
    './apps/ingest-api/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
    './apps/worker/src/': { lines: 80, statements: 80, functions: 80, branches: 70 },
  },
};
