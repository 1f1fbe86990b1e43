/**
 * Browser mode: a small HTTP server on 127.0.0.1 (random free port) that serves the built
 * renderer and the API (`POST /api/NAME` with a JSON body, answering an ApiResult). Every request
 * passes the request guard (token, Host, Origin) first.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './csp';
import type { Dispatch } from './dispatch';
import { checkRequest, tokenCookie } from './request-guard';

/** Largest API request body accepted (a MIDI batch is a few kB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface WebHostOptions {
  readonly dispatch: Dispatch;
  /** Directory of the built renderer (index.html and assets/). */
  readonly rendererDir: string;
  /** 0 (the default) picks a random free port. */
  readonly port?: number;
  /** Defaults to 32 random bytes, hex. */
  readonly token?: string;
}

export interface WebHost {
  /** The URL to open, carrying the token: http://127.0.0.1:PORT/?token=... */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Starts the host and resolves once it listens.
 *
 * @example
 * const host = await startWebHost({ dispatch, rendererDir: 'dist/renderer' });
 * console.log(host.url); // http://127.0.0.1:40123/?token=9f...
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const rendererDir = await realpath(resolve(options.rendererDir));
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('evenkeys web host:', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const decision = checkRequest({ method, url, headers: req.headers }, { port, token });
    if (!decision.allow) {
      req.resume();
      send(res, decision.status, 'text/plain; charset=utf-8', `refused: ${decision.reason}\n`);
      return;
    }
    if (decision.adoptToken) {
      // Trade the one-time URL token for the cookie, and drop it from the address bar.
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(token, port), Location: '/' });
      res.end();
      return;
    }
    const path = safeDecode(new URL(url, 'http://placeholder').pathname);
    if (path === undefined) {
      req.resume();
      send(res, 400, 'text/plain; charset=utf-8', 'malformed URL\n');
      return;
    }
    if (path.startsWith('/api/')) {
      await handleApi(req, res, path.slice('/api/'.length));
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    await serveStatic(res, path, method === 'HEAD');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      req.resume();
      send(res, 405, 'text/plain; charset=utf-8', 'the API takes POST\n');
      return;
    }
    // A JSON content type cannot be sent by a plain HTML form: one more barrier against CSRF.
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      req.resume();
      send(res, 415, 'text/plain; charset=utf-8', 'the API takes application/json\n');
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      send(res, 413, 'text/plain; charset=utf-8', 'request body too large\n');
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: `${name}: body is not JSON` } });
      return;
    }
    sendJson(res, 200, await options.dispatch(name, input));
  }

  async function serveStatic(res: ServerResponse, path: string, headOnly: boolean): Promise<void> {
    const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
    const file = resolve(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep)) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    let content: Buffer;
    try {
      // A symbolic link inside the directory must not lead out of it.
      const real = await realpath(file);
      if (!real.startsWith(rendererDir + sep)) throw new Error('outside the renderer directory');
      content = await readFile(real);
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': content.length });
    res.end(headOnly ? undefined : content);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web host: no TCP address');
  port = address.port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

/** decodeURIComponent that answers undefined instead of throwing on a malformed escape. */
function safeDecode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', rejectBody);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
