// Bundles write-openapi-document.ts, which prints the API's OpenAPI document without a database.
// A second config (not a second entry of webpack.config.cjs) so the admin build can regenerate its
// client without rebuilding, or wiping, dist/apps/api. Type-checking is the API build's job.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

const root = join(__dirname, '../..');

// NxAppWebpackPlugin reads its project from the running Nx task; this bundle belongs to the api
// project whichever target (the admin's client generation) runs it.
process.env.NX_BUILD_TARGET = 'api:build';

module.exports = {
  context: root,
  output: { path: join(root, 'dist/apps/api-openapi'), clean: true },
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: 'apps/api/src/bootstrap/write-openapi-document.ts',
      tsConfig: 'apps/api/tsconfig.app.json',
      outputHashing: 'none',
      optimization: false,
      generatePackageJson: false,
      sourceMap: false,
      skipTypeChecking: true,
    }),
  ],
};
