#!/usr/bin/env node
// `cdp` admin CLI: runs tools/src/cli/main.ts through tsx. The workspace aliases
// (@stratum/db, …) come from tools/tsconfig.json, whatever the current directory.
const path = require('node:path');

process.env.TSX_TSCONFIG_PATH ??= path.join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs');

const { run } = require('../src/cli/main.ts');

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
