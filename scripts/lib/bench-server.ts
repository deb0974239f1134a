import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * Starts the built server (`scripts/start.ts`, production mode, no request log) on a free port
 * with `env` and waits for /healthz. BENCH_PROFILE=<dir> makes it write a CPU profile there when
 * it stops.
 */
export async function startBuiltServer(env: NodeJS.ProcessEnv): Promise<{ origin: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    // A deployment's start (NODE_ENV=production) requires APP_SECRET: a bench gives it a throw-away one.
    env: {
      APP_SECRET: "bench-only-secret-not-for-production-use",
      ...env,
      PORT: String(port),
      REQUEST_LOG: "false",
      NODE_ENV: "production",
    },
    stdio: "ignore",
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { origin, pid: child.pid!, stop };
    } catch {
      /* starting */
    }
    if (i > 480 || child.exitCode !== null) {
      await stop();
      throw new Error("server did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
