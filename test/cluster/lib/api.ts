// A small client for the test cluster's API server (JSON over HTTPS with the admin token),
// for the harness's own steps: readiness, nodes, the storage class. Tests that show a
// transcript use the built kubectl instead, as a user would.
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';

export interface ApiTarget {
  readonly server: string;
  readonly token: string;
  readonly caFile: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

export function request(target: ApiTarget, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const url = new URL(path, target.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: fs.readFileSync(target.caFile),
        headers: {
          Authorization: `Bearer ${target.token}`,
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf-8') }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function requestJson<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(target, method, path, body);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status}: ${res.body.slice(0, 500)}`);
  return JSON.parse(res.body) as T;
}

/** GET a URL of a loopback component (plain HTTP, or HTTPS with its own self-signed certificate). */
export function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    // The controller manager and the scheduler serve /healthz with a certificate they made
    // for themselves in memory: there is no CA to check it against, and the port is loopback.
    const req = get(url, { rejectUnauthorized: false, timeout: 5_000 }, (res: http.IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
