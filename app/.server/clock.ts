/**
 * The server's clock. Deadlines (quiz time limits, closing dates) read it here so tests can move
 * time forward without waiting; production never sets it.
 */
let override: (() => Date) | null = null;

export const now = (): Date => (override ? override() : new Date());

/** Tests only: fix or advance the clock; `null` restores real time. */
export function setClock(clock: (() => Date) | null) {
  override = clock;
}
