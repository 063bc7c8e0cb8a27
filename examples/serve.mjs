// A static file server for the built examples (webpack, esbuild): `node ../serve.mjs` in an example
// folder serves it and its public/ on http://127.0.0.1:8080. The e2e test uses serveStatic itself.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm', // what WebAssembly.instantiateStreaming insists on
  '.map': 'application/json',
};

/** Serves the first of `roots` that has the requested file; resolves with the origin and a `close`. */
export function serveStatic(roots, port = 0) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const relative = path.endsWith('/') ? `${path}index.html` : path;
    for (const root of roots) {
      const file = join(root, relative);
      if (!file.startsWith(root)) break;
      try {
        if (!statSync(file).isFile()) continue;
      } catch {
        continue;
      }
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
      return;
    }
    response.writeHead(404).end('not found');
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        origin: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cwd = process.cwd();
  const { origin } = await serveStatic([cwd, join(cwd, 'public')], Number(process.env.PORT ?? 8080));
  console.log(`serving ${cwd} on ${origin}`);
}
