import { randomUUID } from "node:crypto";
import os from "node:os";
import { Op } from "sequelize";
import { BackgroundJob } from "../db/models";
import { closeExpired } from "../quizzes/attempts";
import { foldRollupDeltas } from "../training/deltas";
import { releaseLease, takeLease } from "./lease";
import { POLICY_REFRESH, runPolicyRefresh } from "./policy-refresh";

/**
 * Background work — closing quiz attempts whose time ran out when no browser comes back, and the
 * queued jobs — runs in one process at a time, whichever holds the "background" lease; every
 * process ticks, the others find the lease taken and do nothing. A holder that dies stops renewing
 * and another takes over within LEASE_MS. This replaces a timer in every process (issue 24).
 */
export const LEASE = "background";
export const LEASE_MS = 60_000;
const TICK_MS = 5_000;
const SWEEP_MS = 30_000;

/** This process's name in job_leases: host, pid and a random part (a pid is reused after a restart). */
export const processHolder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

type Runner = (jobId: number, stillMine: () => Promise<boolean>) => Promise<boolean>;
const RUNNERS: Record<string, Runner> = { [POLICY_REFRESH]: runPolicyRefresh };

/** Runs queued (and interrupted) jobs oldest first while the lease stays ours; a failing job is marked failed with its message. */
export async function runJobs(stillMine: () => Promise<boolean>): Promise<number> {
  let finished = 0;
  for (;;) {
    const job = await BackgroundJob.findOne({
      where: { status: { [Op.in]: ["queued", "running"] } },
      order: [["id", "ASC"]],
      attributes: ["id", "kind"],
    });
    if (!job) return finished;
    const run = RUNNERS[job.kind];
    try {
      if (!run) throw new Error(`no runner for ${job.kind}`);
      if (!(await run(job.id, stillMine))) return finished;
      finished += 1;
    } catch (error) {
      console.error(`background job ${job.id} (${job.kind}):`, error);
      await BackgroundJob.update(
        { status: "failed", error: String((error as Error)?.message ?? error).slice(0, 300), finishedAt: new Date() },
        { where: { id: job.id } },
      );
    }
  }
}

let lastSweep = 0;
let stopping = false;
/**
 * One tick for `holder`: takes or renews the lease, and if it is ours closes expired attempts
 * (every SWEEP_MS), folds the rollup deltas written since the last tick, and runs the queue. Returns whether this process held the lease.
 */
export async function backgroundTick(holder = processHolder, now = Date.now()): Promise<boolean> {
  if (!(await takeLease(LEASE, holder, LEASE_MS, now))) return false;
  if (now - lastSweep >= SWEEP_MS) {
    lastSweep = now;
    await closeExpired({});
  }
  await foldRollupDeltas();
  await runJobs(async () => !stopping && (await takeLease(LEASE, holder, LEASE_MS)));
  return true;
}

let timer: ReturnType<typeof setInterval> | undefined;
let running: Promise<unknown> | null = null;

/** Starts ticking in this server process (not under Jest: tests call backgroundTick themselves). */
export function startBackgroundWork(tickMs = TICK_MS) {
  if (timer || process.env.NODE_ENV === "test") return;
  stopping = false;
  timer = setInterval(() => {
    if (running) return;
    running = backgroundTick()
      .catch((error) => console.error("background work:", error))
      .finally(() => (running = null));
  }, tickMs);
  timer.unref();
}

/** Stops ticking, waits for a tick in progress (a job stops at its next chunk), and gives the lease up. */
export async function stopBackgroundWork() {
  if (!timer) return;
  clearInterval(timer);
  timer = undefined;
  stopping = true;
  await running;
  await releaseLease(LEASE, processHolder).catch(() => undefined);
}
