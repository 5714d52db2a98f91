// Enforces the dependency direction of STYLE.md §2 with Nx project tags:
//   nodes -> engine <- persistence; api -> engine, nodes, persistence; engine imports no framework.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.angular', '**/test-output', '**/*.cjs', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx, '@typescript-eslint': tseslint.plugin },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:engine',
              onlyDependOnLibsWithTags: ['type:engine'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'bullmq',
                'ioredis',
                'socket.io',
                'pg',
                '@electric-sql/*',
              ],
            },
            {
              sourceTag: 'type:nodes',
              onlyDependOnLibsWithTags: ['type:engine'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'bullmq', 'ioredis', 'socket.io', 'pg'],
            },
            {
              sourceTag: 'type:persistence',
              onlyDependOnLibsWithTags: ['type:engine'],
              bannedExternalImports: ['@nestjs/*', 'bullmq'],
            },
            { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:engine', 'type:nodes', 'type:persistence'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:engine', 'type:nodes', 'type:persistence', 'type:app'],
            },
          ],
        },
      ],
    },
  },
  {
    // End-to-end suites boot the API in-process from its sources on purpose.
    files: ['apps/api-e2e/**/*.ts', 'apps/admin-e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // So does the benchmark (bench/run-tier.ts), and it reuses the e2e support's API client.
    files: ['bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
