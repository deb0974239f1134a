import { closeExpired } from "./attempts";

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Closes and grades attempts whose time ran out even when no browser ever comes back: every
 * `intervalMs` in the server process (pages showing an attempt also close it on the spot).
 */
export function startQuizSweeper(intervalMs = 30_000) {
  if (timer || process.env.NODE_ENV === "test") return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    closeExpired({})
      .catch((error) => console.error("quiz sweeper:", error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
}

/** Stops the sweeper (the server shuts down). */
export function stopQuizSweeper() {
  clearInterval(timer);
  timer = undefined;
}
