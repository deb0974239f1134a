import cluster, { type Worker } from "node:cluster";
import type { DatabaseConfig } from "../../app/.server/db/config";

/** The most server processes WEB_CONCURRENCY may ask for on one machine. */
export const MAX_WEB_CONCURRENCY = 64;

/** WEB_CONCURRENCY as a count (default 1), or the one line to print when it is not one. */
export function webConcurrency(raw: string | undefined): { count: number } | { problem: string } {
  const value = raw?.trim();
  if (!value) return { count: 1 };
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > MAX_WEB_CONCURRENCY) {
    return { problem: `WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WEB_CONCURRENCY} (server processes), not "${value}"` };
  }
  return { count };
}

/**
 * SQLite takes one writer at a time, and this app queues its transactions inside the process
 * (README decision 5): a second process would meet them only through the busy timeout, and fail
 * writes under load. So several processes need MySQL/MariaDB.
 */
export function concurrencyProblem(count: number, config: DatabaseConfig): string | null {
  if (count <= 1 || config.dialect !== "sqlite") return null;
  return `WEB_CONCURRENCY=${count} needs MySQL/MariaDB: on SQLite the transaction queue holds only inside one process, so several processes would fail each other's writes; set DATABASE_URL=mysql://… or leave WEB_CONCURRENCY at 1`;
}

/**
 * The primary of WEB_CONCURRENCY=N (node:cluster): forks N workers that share the listening port
 * (the primary hands out connections in turn), calls `onListening` once all of them listen, and
 * restarts a worker that dies (after a pause when it died young, so a crash loop does not spin).
 * A worker that exits before it ever listened is a start-up failure: the primary stops the others
 * and exits 1. SIGTERM/SIGINT: every worker is asked to drain (scripts/lib/serve.ts); the primary
 * exits 0 when all have stopped, 1 if one failed or they outlive SHUTDOWN_TIMEOUT_MS + 5 s (then
 * they are killed). A second signal kills the workers at once.
 */
export function superviseWorkers(count: number, onListening: () => void) {
  const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  const listening = new Set<number>();
  const started = new Map<number, number>();
  const slots = new Map<number, number>();
  let everyoneListened = false;
  let stopping = false;
  let failed = false;

  const fork = (slot: number) => {
    const worker = cluster.fork({ WORKER_LABEL: `Worker ${slot}` });
    started.set(worker.id, Date.now());
    slots.set(worker.id, slot);
  };
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());

  const stop = (code: number) => {
    if (stopping) {
      for (const worker of live()) worker.process.kill("SIGKILL");
      process.exit(1);
    }
    stopping = true;
    if (code) failed = true;
    for (const worker of live()) if (worker.isConnected()) worker.send({ type: "shutdown" });
    setTimeout(() => {
      console.error(`✖ Workers still running ${timeoutMs + 5000} ms after shutdown began: killed.`);
      for (const worker of live()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, timeoutMs + 5000).unref();
    if (!live().length) process.exit(failed ? 1 : 0);
  };

  cluster.on("listening", (worker) => {
    listening.add(worker.id);
    console.log(`Worker ${slots.get(worker.id)} (pid ${worker.process.pid}) is serving${everyoneListened ? " again" : ""}.`);
    if (!everyoneListened && listening.size === count) {
      everyoneListened = true;
      onListening();
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    const slot = slots.get(worker.id)!;
    const ranMs = Date.now() - (started.get(worker.id) ?? Date.now());
    const hadListened = listening.delete(worker.id);
    slots.delete(worker.id);
    if (stopping) {
      if (code !== 0) failed = true;
      if (!live().length) {
        console.log(`All ${count} server processes stopped.`);
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    if (!hadListened && !everyoneListened) {
      console.error(`✖ Worker ${slot} exited during start-up (${signal ?? `code ${code}`}); stopping.`);
      stop(1);
      return;
    }
    const pauseMs = ranMs < 10_000 ? 1000 : 0;
    console.error(`Worker ${slot} (pid ${worker.process.pid}) died (${signal ?? `code ${code}`}); starting another.`);
    setTimeout(() => !stopping && fork(slot), pauseMs);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(0));
  for (let slot = 1; slot <= count; slot++) fork(slot);
}
