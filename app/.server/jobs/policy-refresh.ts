import { Op, QueryTypes, type Transaction } from "sequelize";
import { getSequelize, inTransaction } from "../db/connection";
import { BackgroundJob } from "../db/models";
import { pathRange } from "../org";
import { refreshMediators, refreshSubtreeYear } from "../training/rollup";

export const POLICY_REFRESH = "policy.refresh";
/** Mediators per transaction (tests make it small to see a job stop and resume). */
export const chunking = { size: 500 };

/**
 * How many mediators a policy change may recompute inside the admin's request (RECOMPUTE_INLINE_LIMIT,
 * default 5,000 — a county's or a small city's roster); above that the change is saved at once and
 * the recompute becomes a background job the admin watches on the policy page.
 */
export const inlineLimit = () => {
  const value = Number(process.env.RECOMPUTE_INLINE_LIMIT);
  return Number.isInteger(value) && value >= 0 ? value : 5000;
};

async function subtreeSize(path: string, transaction: Transaction): Promise<number> {
  const { from, to } = pathRange(path);
  const [row] = await getSequelize().query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM mediators WHERE org_path >= :from AND org_path < :to",
    { replacements: { from, to }, type: QueryTypes.SELECT, transaction },
  );
  return Number(row?.n ?? 0);
}

/**
 * After a node's policy for a year changed (in the caller's transaction): every mediator of the
 * subtree is recomputed under the new rule — here when the subtree is small, else by a queued job
 * (an older job for the same node and year still waiting or running is superseded: the new one
 * recomputes everybody anyway). Returns which it did.
 */
export async function refreshAfterPolicyChange(
  unit: { id: number; path: string },
  year: number,
  requestedBy: number | null,
  transaction: Transaction,
): Promise<"inline" | "queued"> {
  const total = await subtreeSize(unit.path, transaction);
  if (total <= inlineLimit()) {
    await refreshSubtreeYear(unit.path, year, transaction);
    return "inline";
  }
  await BackgroundJob.update(
    { status: "superseded", finishedAt: new Date() },
    { where: { kind: POLICY_REFRESH, orgUnitId: unit.id, year, status: { [Op.in]: ["queued", "running"] } }, transaction },
  );
  await BackgroundJob.create(
    {
      kind: POLICY_REFRESH,
      orgUnitId: unit.id,
      year,
      status: "queued",
      total,
      error: null,
      requestedBy,
      startedAt: null,
      finishedAt: null,
    },
    { transaction },
  );
  return "queued";
}

/**
 * Runs a policy-refresh job from where it stopped, `chunking.size` mediators per transaction (each chunk's
 * mediators locked first on MySQL/MariaDB, so a ledger write in flight finishes before the chunk
 * reads it). Between chunks `stillMine` renews the lease; when the lease is lost, or the job was
 * superseded, it stops and leaves the job to the next holder. Returns true when the job is finished.
 */
export async function runPolicyRefresh(jobId: number, stillMine: () => Promise<boolean>): Promise<boolean> {
  const mysql = getSequelize().getDialect() === "mysql";
  for (;;) {
    const finished = await inTransaction(async (transaction) => {
      const job = await BackgroundJob.findByPk(jobId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!job || (job.status !== "queued" && job.status !== "running")) return true;
      const unit = await getSequelize().query<{ path: string }>("SELECT path FROM org_units WHERE id = :id", {
        replacements: { id: job.orgUnitId },
        type: QueryTypes.SELECT,
        transaction,
      });
      const { from, to } = pathRange(unit[0].path);
      const ids = (
        await getSequelize().query<{ id: number | string }>(
          `SELECT id FROM mediators WHERE org_path >= :from AND org_path < :to AND id > :after ORDER BY id LIMIT ${chunking.size}${mysql ? " FOR UPDATE" : ""}`,
          { replacements: { from, to, after: job.afterId }, type: QueryTypes.SELECT, transaction },
        )
      ).map((r) => Number(r.id));
      const started = job.startedAt ?? new Date();
      if (!ids.length) {
        await job.update({ status: "done", startedAt: started, finishedAt: new Date(), total: job.processed }, { transaction });
        return true;
      }
      await refreshMediators(ids, [job.year], transaction);
      const processed = job.processed + ids.length;
      const last = ids.length < chunking.size;
      await job.update(
        last
          ? { status: "done", startedAt: started, finishedAt: new Date(), processed, total: processed, afterId: ids[ids.length - 1] }
          : { status: "running", startedAt: started, processed, afterId: ids[ids.length - 1] },
        { transaction },
      );
      return last;
    });
    if (finished) return true;
    if (!(await stillMine())) return false;
  }
}

/** The latest recompute job for a node and year (the policy page shows its progress); null when none. */
export function latestPolicyRefresh(orgUnitId: number, year: number) {
  return BackgroundJob.findOne({
    where: { kind: POLICY_REFRESH, orgUnitId, year },
    order: [["id", "DESC"]],
    attributes: ["id", "status", "total", "processed", "createdAt", "startedAt", "finishedAt"],
  });
}
