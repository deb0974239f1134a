import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePortFrom } from "./mariadb";

const root = path.resolve(__dirname, "../../..");

/** A throw-away key for the fault suite's servers (a production start requires one). */
export const FAULTS_APP_SECRET = "faults-only-secret-not-for-production-use-0123456789";

export type BuiltServer = {
  origin: string;
  child: ChildProcess;
  log: string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
};

/**
 * Starts the built server as `npm start` does (scripts/start.ts, production mode: the build in
 * build/ is reused, made only if missing or stale) with `env`, and waits for /healthz. Output goes
 * to `log`.
 */
export async function startBuiltServer(env: Record<string, string>, log: string): Promise<BuiltServer> {
  const port = await freePortFrom(3500);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      APP_SECRET: FAULTS_APP_SECRET,
      ...env,
      PORT: String(port),
      REQUEST_LOG: "false",
      NODE_ENV: "production",
    },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const done = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 15_000).unref())]);
    if (!done) child.kill("SIGKILL");
  };
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${fs.readFileSync(log, "utf8").slice(-3000)}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { origin, child, log, exited, stop };
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error("server did not become healthy within 300 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
