import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Pure libraries must stay free of I/O and frameworks.
const IO_AND_FRAMEWORKS = [
  'express',
  'pg',
  'kysely',
  'next',
  'next/*',
  'react',
  'react-dom',
  'winston',
  'redis',
  'node:fs',
  'node:http',
  'node:net',
  'fs',
  'http',
  'net',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.next/**',
      '**/.nx/**',
      '**/.data/**',
      '**/test-output/**',
      '**/*.cjs',
      '**/*.mjs',
      '**/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through loadConfig.' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
            {
              sourceTag: 'scope:pure',
              onlyDependOnLibsWithTags: ['scope:pure'],
              bannedExternalImports: IO_AND_FRAMEWORKS,
            },
            { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:pure'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['platform:browser'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:pure'] },
            { sourceTag: 'app:profile', notDependOnLibsWithTags: ['write:resolution'] },
          ],
        },
      ],
    },
  },
  {
    // Configuration modules are the one place that reads the environment; tests may set it.
    files: [
      '**/config.ts',
      '**/*config.ts',
      '**/*.spec.ts',
      '**/*.spec.tsx',
      'tools/**/*.ts',
      '**/testing.ts',
      '**/test-database*.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
