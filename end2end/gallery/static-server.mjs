// Serves a built app folder (GALLERY_DIST) on 127.0.0.1:GALLERY_PORT for the
// gallery's browser tests: files as they are, every other address the app's
// index.html (the router decides), and /api/ as Trunk's proxy answers with
// no API server behind it (500, empty), so the app behaves as under plain
// `trunk serve`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.env.GALLERY_DIST ?? 'target/gallery-dist');
const port = Number(process.env.GALLERY_PORT ?? 3310);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

async function file(path) {
  try {
    if ((await stat(path)).isFile()) return await readFile(path);
  } catch {}
  return null;
}

createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith('/api/')) {
    response.writeHead(500, { 'content-length': '0' });
    response.end();
    return;
  }
  const wanted = normalize(join(root, decodeURIComponent(url.pathname)));
  const inside = wanted.startsWith(root);
  let body = inside ? await file(wanted) : null;
  let type = types[extname(wanted)] ?? 'application/octet-stream';
  if (!body) {
    body = await file(join(root, 'index.html'));
    type = types['.html'];
  }
  if (!body) {
    response.writeHead(404);
    response.end('no build in ' + root);
    return;
  }
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
  response.end(body);
}).listen(port, '127.0.0.1', () => {
  console.log(`gallery: serving ${root} on http://127.0.0.1:${port}`);
});
