import { AsyncLocalStorage } from "node:async_hooks";

type Memo = Map<string, Promise<unknown>>;

/**
 * One store for the server (server/remix-handler.ts, run by tsx) and the app's build (bundled by
 * Vite), which each hold their own copy of this module: kept on globalThis under a shared symbol.
 */
const KEY = Symbol.for("mediator-academy.request-memo");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<Memo> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<Memo>());

/**
 * Runs `fn` (the handling of one GET or HEAD request: the root loader and the page's loaders,
 * which run side by side) with a fresh memo. Reads nothing changes during such a request — the
 * account's roster entry — are then read once, however many sections ask. Writes (actions) run
 * without a memo, so they never see a row read before they changed it.
 */
export const withRequestMemo = <T>(fn: () => T): T => storage.run(new Map(), fn);

/** `load()` once per request under `key` (shared by parallel callers); outside a memo, every time. */
export function memoised<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return load();
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    memo.set(key, pending);
    // A failed read is not remembered: the next caller tries again.
    pending.catch(() => memo.delete(key));
  }
  return pending;
}
