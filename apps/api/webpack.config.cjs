// Bundles the API (and the libs it imports through tsconfig paths) into one CommonJS file.
// node_modules stay external: NestJS 12 is ESM-only and Node >=20.19 loads it through require(esm).
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

const root = join(__dirname, '../..');

module.exports = {
  context: root,
  output: { path: join(root, 'dist/apps/api'), clean: true },
  devtool: 'source-map',
  // The libs use ESM-style relative imports ('./x.js') that name the TypeScript source.
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: 'apps/api/src/main.ts',
      tsConfig: 'apps/api/tsconfig.app.json',
      outputHashing: 'none',
      optimization: false,
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
