// Bundles the benchmark (and the API and libs it boots in-process) into one CommonJS file, the
// same way apps/api/webpack.config.cjs does: Nest's DI needs the decorator metadata tsc emits.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

const root = join(__dirname, '..');

module.exports = {
  context: root,
  output: { path: join(root, 'dist/bench'), clean: true },
  devtool: 'source-map',
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: 'bench/run-benchmarks.ts',
      tsConfig: 'bench/tsconfig.json',
      outputHashing: 'none',
      optimization: false,
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
