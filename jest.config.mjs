// One Jest run for the whole workspace. Native ESM mode: NestJS 12 ships ESM only,
// so tests run with NODE_OPTIONS=--experimental-vm-modules (see package.json "test:only").
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true, diagnostics: false },
];

const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    // ESM-style relative imports ('./x.js') resolve to the TypeScript source.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@baton/client$': '<rootDir>/libs/client/src/index.ts',
    '^@baton/engine$': '<rootDir>/libs/engine/src/index.ts',
    '^@baton/nodes$': '<rootDir>/libs/nodes/src/index.ts',
    '^@baton/persistence$': '<rootDir>/libs/persistence/src/index.ts',
  },
  testEnvironment: 'node',
};

export default {
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/admin/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/admin/'],
    },
  ],
};
