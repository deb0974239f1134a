import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../../..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the built app the way a user does (`npm start`'s script) on a throw-away SQLite file — or,
 * with `E2E_EXTERNAL_URL` (e.g. nginx of `npm run cluster:up`), drives a server already running on
 * demo data; `E2E_DATABASE_URL` then names its database for the tests that move dates in it.
 */
export default async function globalSetup() {
  if (process.env.E2E_EXTERNAL_URL) {
    const base = process.env.E2E_EXTERNAL_URL.replace(/\/$/, "");
    if (!(await fetch(`${base}/healthz`)).ok) throw new Error(`${base}/healthz is not healthy`);
    process.env.E2E_BASE_URL = base;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-"));
  const port = await freePort();
  const log = fs.openSync(path.join(dir, "server.log"), "w");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `sqlite:${path.join(dir, "e2e.sqlite")}`,
      REQUEST_LOG: "false",
      APP_SECRET: process.env.APP_SECRET ?? "e2e-secret-0123456789abcdef0123456789abcdef",
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(path.join(dir, "server.log"), "utf8")}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("server did not become healthy within 120 s");
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.E2E_BASE_URL = base;
  process.env.E2E_SERVER_PID = String(child.pid);
  process.env.E2E_DIR = dir;
}
