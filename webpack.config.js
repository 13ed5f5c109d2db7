/**
 * Builds the task pane into dist/ (the `yo office` template's shape, scaled down):
 * one entry, src/taskpane/index.tsx, injected into taskpane.html; help.html (the page the
 * pane's footer and the manifest's SupportUrl open, with the version filled in); a do-nothing
 * commands.html because Office wants a function file; assets/* and manifest.xml copied.
 *
 * office.js is not bundled: Office requires it from Microsoft's CDN, and each page loads
 * it with a plain <script> in its head.
 *
 * `npm run build` needs no certificates. Only `webpack serve` (npm run dev-server) asks
 * office-addin-dev-certs for the localhost certificate Office trusts.
 *
 * ADDIN_URL=https://planner.example.gov.uk/ npm run build rewrites the manifest's
 * https://localhost:3000/ to where the pages will be hosted.
 */
const path = require('node:path');
const { version } = require('./package.json');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const devOrigin = 'https://localhost:3000/';
const officeJs = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The template's helper: only the three fields the https server needs. */
async function getHttpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    // Installing the CA needs an administrator (sudo on Linux). The certificates are made
    // before that step, so serve with them anyway and say how to trust them.
    const fs = require('node:fs');
    const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
    const files = ['ca.crt', 'localhost.key', 'localhost.crt'].map((f) => path.join(dir, f));
    if (!files.every((f) => fs.existsSync(f))) throw error;
    console.warn(`Could not install the developer CA (${error.message}). Serving with ${dir}; trust ca.crt there, or Excel will refuse the pane.`);
    const [ca, key, cert] = files.map((f) => fs.readFileSync(f));
    return { ca, key, cert };
  }
}

// The function file: Office loads it only for ExecuteFunction commands, and there are none.
const commandsPage = `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Locality Planner commands</title>
    <script src="${officeJs}"></script>
  </head>
  <body></body>
</html>
`;

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const publicUrl = process.env.ADDIN_URL;
  const port = Number(process.env.npm_package_config_dev_server_port || 3000);

  return {
    context: __dirname,
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: {
      path: path.resolve(__dirname, 'dist'),
      // Office caches pane scripts hard; a content hash makes every build a new URL.
      filename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            configFile: path.resolve(__dirname, 'tsconfig.json'),
            // The repo compiles to CommonJS for Node; webpack needs ES modules to tree-shake Fluent.
            compilerOptions: { module: 'es2020', sourceMap: true },
            // Type-check only what is bundled, not every test and script the tsconfig includes.
            onlyCompileBundledFiles: true,
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/taskpane/help.html', chunks: [], inject: false, templateParameters: { version } }),
      new HtmlWebpackPlugin({ filename: 'commands.html', templateContent: commandsPage, chunks: [], inject: false }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest*.xml',
            to: '[name][ext]',
            transform: (content) => (publicUrl ? content.toString().replaceAll(devOrigin, publicUrl) : content),
          },
        ],
      }),
    ],
    performance: {
      // React, Fluent UI v9 and the engine come to roughly 0.5 MB minified; warn if that grows much.
      maxEntrypointSize: 800 * 1024,
      maxAssetSize: 800 * 1024,
      hints: production ? 'warning' : false,
    },
    devServer: {
      hot: true,
      port,
      headers: { 'Access-Control-Allow-Origin': '*' },
      // Certificates only when serving: env.WEBPACK_SERVE is set by `webpack serve` alone.
      server: env.WEBPACK_SERVE ? { type: 'https', options: await getHttpsOptions() } : 'http',
    },
  };
};
