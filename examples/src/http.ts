// A minimal Express-style router on node:http, so the example needs no web framework.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface Request extends IncomingMessage {
  params: Record<string, string>;
  query: Record<string, string>;
}
export interface Response extends ServerResponse {
  json(body: unknown): void;
  status(code: number): Response;
}
export type Handler = (req: Request, res: Response) => Promise<void> | void;

export function express() {
  const routes: { method: string; path: string; handler: Handler }[] = [];
  const add = (method: string) => (path: string, handler: Handler) => void routes.push({ method, path, handler });
  return {
    get: add('GET'),
    post: add('POST'),
    listen(port: number) {
      return createServer((rawReq, rawRes) => {
        const url = new URL(rawReq.url ?? '/', 'http://localhost');
        const req = Object.assign(rawReq, { params: {}, query: Object.fromEntries(url.searchParams) }) as Request;
        const res = Object.assign(rawRes, {
          json(body: unknown) { rawRes.setHeader('content-type', 'application/json'); rawRes.end(JSON.stringify(body)); },
          status(code: number) { rawRes.statusCode = code; return res; },
        }) as Response;
        const route = routes.find((r) => r.method === rawReq.method && r.path === url.pathname);
        if (!route) return void res.status(404).json({ error: 'not found' });
        Promise.resolve(route.handler(req, res)).catch(() => res.status(500).json({ error: 'internal' }));
      }).listen(port);
    },
  };
}

export type App = ReturnType<typeof express>;
