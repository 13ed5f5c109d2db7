import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The repo root and the folder `npm run build` writes. */
export const repoRoot = path.resolve(__dirname, '../..');
export const distDir = path.join(repoRoot, 'dist');

/** What the pane build reads: if any is newer than dist/taskpane.html, dist/ is stale. */
const buildInputs = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'tsconfig.json', 'package.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

/**
 * Makes sure dist/ holds a production build of the current sources, running the same
 * command as `npm run build` when it is missing or older than any of its inputs.
 */
export function ensurePaneBuilt(): void {
  const built = path.join(distDir, 'taskpane.html');
  const sources = Math.max(...buildInputs.map((p) => newestMtime(path.join(repoRoot, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [repoRoot] });
  const result = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/** The MIME type a file is served with. */
export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file)] ?? 'application/octet-stream';
}

/** A plain-http static server over one folder, on a free localhost port. */
export async function serveFolder(folder: string): Promise<{ readonly origin: string; readonly close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.join(folder, name);
    // Refuse anything outside the folder (a `..` in the URL) and anything that is not a file.
    if (!file.startsWith(folder + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeOf(file), 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Bundles a browser script (the Office stub over the fake Excel) with webpack and ts-loader,
 * as the pane itself is bundled, and returns its text. Type-checking is left to `tsc`.
 */
export async function bundleForBrowser(entry: string, outFile: string): Promise<string> {
  const { default: webpack } = await import('webpack');
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    target: 'web',
    context: repoRoot,
    entry: path.resolve(repoRoot, entry),
    output: { path: path.dirname(outFile), filename: path.basename(outFile) },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: { configFile: path.join(repoRoot, 'tsconfig.json'), transpileOnly: true, compilerOptions: { module: 'es2020' } },
        },
      ],
    },
  });
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error ?? new Error('webpack gave no result')) : resolve(result))),
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(`Bundling ${entry} failed:\n${stats.toString({ all: false, errors: true })}`);
  return readFileSync(outFile, 'utf8');
}
