import { QueryTypes } from "sequelize";
import { getDatabaseConfig, getSequelize, inTransaction } from "../db/connection";

/**
 * A lease in the database (job_leases, migration 0031): of all the server processes — workers of
 * one machine, instances behind nginx — the one holding a lease does the work it names, and the
 * others skip it. A process takes the lease when nobody holds it or the holder let it run out,
 * keeps it by renewing it before it expires, and loses it when it stops renewing (it died, or
 * hung longer than the lease). Taking and renewing is one upsert whose row lock is held until the
 * holder is read back in the same transaction; on Galera two nodes taking it at once conflict at
 * COMMIT, the loser runs again (decision 18) and then reads the winner.
 */
export async function takeLease(name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const sequelize = getSequelize();
  const replacements = { name, holder, now, until: now + ttlMs };
  const upsert =
    getDatabaseConfig().dialect === "sqlite"
      ? `INSERT INTO job_leases (name, holder, expires_at) VALUES (:name, :holder, :until)
         ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= :now`
      : // MySQL assigns left to right: once holder is ours, the second IF extends our lease.
        `INSERT INTO job_leases (name, holder, expires_at) VALUES (:name, :holder, :until)
         ON DUPLICATE KEY UPDATE
           holder = IF(holder = VALUES(holder) OR expires_at <= :now, VALUES(holder), holder),
           expires_at = IF(holder = VALUES(holder), VALUES(expires_at), expires_at)`;
  return inTransaction(async (transaction) => {
    await sequelize.query(upsert, { replacements, transaction });
    const [row] = await sequelize.query<{ holder: string }>("SELECT holder FROM job_leases WHERE name = :name", {
      replacements,
      transaction,
      type: QueryTypes.SELECT,
    });
    return row?.holder === holder;
  });
}

/** Gives the lease up at once (a process shutting down), so another takes it on its next tick. */
export async function releaseLease(name: string, holder: string): Promise<void> {
  await getSequelize().query("UPDATE job_leases SET expires_at = 0 WHERE name = :name AND holder = :holder", {
    replacements: { name, holder },
  });
}

/** Who holds the lease and until when (ms since the epoch); null when nobody ever took it. */
export async function leaseHolder(name: string): Promise<{ holder: string; expiresAt: number } | null> {
  const [row] = await getSequelize().query<{ holder: string; expires_at: number | string }>(
    "SELECT holder, expires_at FROM job_leases WHERE name = :name",
    { replacements: { name }, type: QueryTypes.SELECT },
  );
  return row ? { holder: row.holder, expiresAt: Number(row.expires_at) } : null;
}
