import type { Server } from "node:http";
import type { NextFunction, Request, Response } from "express";

/**
 * Graceful shutdown (SIGTERM, SIGINT): the listening socket closes at once, so new connections are
 * refused; a request that still arrives on an open keep-alive connection is answered 503 with
 * Retry-After and `Connection: close`; requests in flight finish, bounded by `timeoutMs`, after
 * which the remaining connections are cut; then `close` (the database pool) runs.
 */
let draining = false;

export const isDraining = () => draining;

/** Answers a request that arrives while the server drains: 503, try again shortly, and no keep-alive. */
export function refuseWhileDraining(_req: Request, res: Response, next: NextFunction) {
  if (!draining) return next();
  res.set({ Connection: "close", "Retry-After": "5", "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" });
  res.status(503).send("服务正在重启，请稍后重试。\nThe service is restarting, please try again shortly.\n");
}

export type ShutdownResult = { forced: boolean; ms: number };

export async function shutDownGracefully(
  server: Server,
  { timeoutMs, close }: { timeoutMs: number; close: () => Promise<void> },
): Promise<ShutdownResult> {
  const started = Date.now();
  draining = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection whose request has finished is idle: close it, now and as others finish.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const forced = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
  ]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (forced) {
    server.closeAllConnections();
    await closed;
  }
  await close();
  return { forced, ms: Date.now() - started };
}
