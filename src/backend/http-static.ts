import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY, contentTypeOf } from './web-content.js';

export const HTML_CSP = CONTENT_SECURITY_POLICY;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Switchyard</title></head>
<body><h1>Switchyard</h1><p>Sorry, the web UI is not built: run npm run build, then reload this page.</p>
<p>The HTTP API is available under <code>/api/</code>.</p></body></html>
`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    ...(type.startsWith('text/html') ? { 'Content-Security-Policy': HTML_CSP } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, cacheControl: string): Promise<void> {
  const type = contentTypeOf(path);
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cacheControl };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = HTML_CSP;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}

/** The file a URL path names inside `root`, or undefined when it would leave it. */
function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = resolve(join(root, decoded));
  return path === root || path.startsWith(root + sep) ? path : undefined;
}

/**
 * Serves the built web UI: files as they are, any other path without a file extension gets
 * index.html (client-side routes), and a short page explains when the UI is not built.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string | undefined,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
    return;
  }
  const root = staticDir === undefined ? undefined : resolve(staticDir);
  const index = root === undefined ? undefined : join(root, 'index.html');
  const path = root === undefined ? undefined : resolveInside(root, pathname);
  if (path !== undefined && path !== root && (await isFile(path))) {
    // Vite puts content-hashed names under assets/: they never change, so they may be cached.
    const immutable = pathname.startsWith('/assets/') && path !== index;
    await sendFile(req, res, path, path === index || !immutable ? 'no-cache' : 'public, max-age=31536000, immutable');
    return;
  }
  if (extname(pathname) !== '' && extname(pathname) !== '.html') {
    sendText(req, res, 404, 'text/plain; charset=utf-8', `not found: ${pathname}\n`);
    return;
  }
  if (index !== undefined && (await isFile(index))) {
    await sendFile(req, res, index, 'no-cache');
    return;
  }
  sendText(req, res, 200, 'text/html; charset=utf-8', NOT_BUILT_PAGE);
}
