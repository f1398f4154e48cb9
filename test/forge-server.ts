// A local HTTP server standing in for the GitHub and GitLab endpoints retrofit calls (a hosted
// forge cannot run here). It answers like the real ones and records every request it gets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface LocalForge {
  url: string;
  requests: RecordedRequest[];
}

export async function startLocalForge(): Promise<LocalForge> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      // GitHub REST: POST /repos/{owner}/{repo}/pulls
      const github = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(req.url ?? '');
      if (req.method === 'POST' && github) {
        return reply(201, {
          number: 7,
          html_url: `https://github.example/${github[1]}/${github[2]}/pull/7`,
          head: { ref: body.head },
          base: { ref: body.base },
        });
      }
      // GitLab REST v4: POST /api/v4/projects/{url-encoded path}/merge_requests
      const gitlab = /^\/api\/v4\/projects\/([^/]+)\/merge_requests$/.exec(req.url ?? '');
      if (req.method === 'POST' && gitlab) {
        return reply(201, {
          iid: 3,
          web_url: `https://gitlab.example/${decodeURIComponent(gitlab[1]!)}/-/merge_requests/3`,
        });
      }
      reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}
