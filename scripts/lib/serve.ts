/**
 * One server process: the app (server/app.ts) on PORT, stopped gracefully on SIGTERM/SIGINT or on
 * the primary's "shutdown" message (server/shutdown.ts): stop accepting, let requests in flight
 * finish (at most SHUTDOWN_TIMEOUT_MS, default 10 s), close the database pool, exit 0. A second
 * signal exits at once. Used by scripts/start.ts directly (WEB_CONCURRENCY=1) or in each worker.
 */
/** How many connections may wait to be accepted (see listen below). */
const LISTEN_BACKLOG = 4096;

export async function serve(port: number, onListening: () => void) {
  // Signals and the primary's message are heard from the first moment: a worker asked to stop while
  // it is still loading the app has nothing in flight and exits at once.
  let stopping = false;
  let stop: (() => void) | null = null;
  const request = () => {
    if (stopping) return;
    stopping = true;
    if (stop) return stop();
    console.log(`${process.env.WORKER_LABEL ?? "Server"} stopped while starting.`);
    process.exit(0);
  };
  let signals = 0;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => (++signals > 1 ? process.exit(1) : request()));
  }
  // A worker of scripts/start.ts: the primary asks by message, so that a terminal's Ctrl-C (which
  // reaches every process of the group) and the primary's request do not count as two signals.
  process.on("message", (message: unknown) => {
    if ((message as { type?: string } | null)?.type === "shutdown") request();
  });

  const { createApp, createHttpServer } = await import("../../server/app");
  const { shutDownGracefully } = await import("../../server/shutdown");
  const { closeSequelize } = await import("../../app/.server/db/connection");
  const app = await createApp("production");
  // tsx maps stack traces to TypeScript sources, which makes every `error.stack` costly; the SQLite
  // driver reads one per query. Production stacks point into the build instead.
  process.setSourceMapsEnabled(false);
  // A queue of 4,096 connections waiting to be accepted (Node's default is 511): an exam's start
  // puts thousands of phones on one instance within a second; beyond 511 the kernel reset them.
  // The kernel caps it at net.core.somaxconn (4096 on Debian 12).
  const server = createHttpServer(app).listen({ port, backlog: LISTEN_BACKLOG }, onListening);
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(`✖ Cannot listen on port ${port}: ${error.code === "EADDRINUSE" ? "already in use (set PORT)" : error.message}`);
    process.exit(1);
  });

  stop = () => {
    const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
    shutDownGracefully(server, {
      timeoutMs,
      close: async () => {
        await (app.locals.closeResources as () => Promise<void>)();
        await closeSequelize();
      },
    }).then(
      ({ forced, ms }) => {
        const who = process.env.WORKER_LABEL ? `${process.env.WORKER_LABEL} stopped` : "Stopped";
        console.log(`${who} after ${ms} ms${forced ? ` (requests still running after ${timeoutMs} ms were cut)` : ""}.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`✖ Shutdown: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  return server;
}
