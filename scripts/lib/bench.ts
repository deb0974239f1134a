import http from "node:http";
import type { AddressInfo } from "node:net";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";

/** Shared by the HTTP benches (scripts/bench/table.ts, public-pages.ts): load, the bare server, medians. */
export type Result = { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };

export const CONNECTIONS = 50;

/** autocannon at CONNECTIONS connections for `seconds` against one URL. */
export const load = (url: string, seconds: number, headers: Record<string, string> = {}) =>
  autocannon({ url, connections: CONNECTIONS, duration: seconds, headers }) as Promise<Result>;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const line = (name: string, r: Result) =>
  `${name.padEnd(40)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p99 ${String(r.latency.p99).padStart(5)} ms   errors ${r.errors + r.non2xx}`;

/** A plain node:http server on a free loopback port answering every request with `answer()`. */
export async function serveBare(answer: (res: http.ServerResponse) => void | Promise<void>) {
  const server = http.createServer((_req, res) => {
    Promise.resolve(answer(res)).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A bare server answering exactly these bytes with this Content-Type. */
export const serveBytes = (body: Buffer, contentType: string) =>
  serveBare((res) => {
    res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
    res.end(body);
  });

/** Signs in through the login form and returns the session cookie (name=value). */
export async function signIn(origin: string, username: string): Promise<string> {
  // Imported here, not at the top: the seeders' modules must not open a connection before the bench sets DATABASE_URL.
  const { demoPassword } = await import("../../db/seeders/demo-accounts");
  const login = await fetch(`${origin}/login`, {
    method: "POST",
    body: new URLSearchParams({ username, password: demoPassword(), redirectTo: "/" }),
    redirect: "manual",
    headers: { Origin: origin },
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("academy_session=")) throw new Error(`sign-in as ${username} failed (${login.status})`);
  return cookie;
}
