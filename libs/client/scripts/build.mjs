// Builds the publishable package into <out> (default dist): ESM and CJS bundles made by
// esbuild, declarations by tsc, both with the tools the monorepo already has.
// Usage: node libs/client/scripts/build.mjs [out]   (out is relative to libs/client)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(packageDir, process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const [format, file] of [
  ['esm', 'index.mjs'],
  ['cjs', 'index.cjs'],
]) {
  await build({
    entryPoints: [join(packageDir, 'src/index.ts')],
    outfile: join(out, file),
    bundle: true,
    format,
    // Neutral: no Node built-ins and no browser shims; the code only uses globals both have.
    platform: 'neutral',
    target: ['es2020', 'node20'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}

const types = join(out, 'types');
execFileSync(
  process.execPath,
  [
    require.resolve('typescript/bin/tsc'),
    '-p',
    join(packageDir, 'tsconfig.build.json'),
    '--outDir',
    types,
  ],
  { stdio: 'inherit' },
);

// tsc writes declarations for the CJS reading (the package is "type": "commonjs"); ESM
// readers get .d.mts twins whose relative imports name the .mjs twin, as Node16 ESM
// resolution requires an extension.
for (const name of readdirSync(types).filter((n) => n.endsWith('.d.ts'))) {
  const text = readFileSync(join(types, name), 'utf8').replace(
    /(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\2/g,
    '$1$2$3.mjs$2',
  );
  writeFileSync(join(types, name.replace(/\.d\.ts$/, '.d.mts')), text);
}
