/**
 * Galera's rules (README "Running at scale"), checked where the app could break them:
 *   - every table has a primary key (Galera replicates rows by key; a table without one is slow to
 *     apply and unsafe to delete from), on the migrated schema of both dialects;
 *   - no named locks or table locks in app code (GET_LOCK and LOCK TABLES are not cluster-wide);
 *   - a deadlock that surfaces at COMMIT (how Galera reports a certification conflict) is run again
 *     like one in a statement;
 *   - multi-row INSERTs get the right ids when auto-increment values come in steps (Galera sets
 *     auto_increment_increment to the node count).
 * Against a real Galera cluster (DATABASE_URL naming a node, e.g. scripts/cluster/test-suite.sh)
 * two transactions write the same row through two nodes and both commit.
 */
import fs from "node:fs";
import path from "node:path";
import { DataTypes, QueryTypes, Transaction, type Sequelize } from "sequelize";
import { createMigratedDatabase, dialect, type TestDatabase } from "../support/db";
import { parseDatabaseUrl } from "~/.server/db/config";
import { bulkInsertIds, createSequelize, getSequelize } from "~/.server/db/connection";

const root = path.resolve(__dirname, "../..");
const mysqlOnly = dialect === "mysql" ? it : it.skip;

describe("Galera rules", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createMigratedDatabase();
  });
  afterAll(() => db.drop());

  it("every table of the migrated schema has a primary key", async () => {
    const qi = getSequelize().getQueryInterface();
    const tables = ((await qi.showAllTables()) as (string | { tableName: string })[]).map((t) => (typeof t === "string" ? t : t.tableName));
    expect(tables.length).toBeGreaterThan(30);
    const withoutKey: string[] = [];
    for (const table of tables) {
      const columns = await qi.describeTable(table);
      if (!Object.values(columns).some((c) => c.primaryKey)) withoutKey.push(table);
    }
    expect(withoutKey).toEqual([]);
  });

  it("app code takes no named locks and no table locks (neither is cluster-wide)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs|cjs|sql)$/.test(entry.name)) {
          const text = fs.readFileSync(full, "utf8");
          if (/\b(GET_LOCK|RELEASE_LOCK|IS_FREE_LOCK)\s*\(|\bLOCK\s+TABLES?\b|\bUNLOCK\s+TABLES\b/i.test(text))
            offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ["app", "server", "db", "scripts"]) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });

  mysqlOnly("a deadlock reported at COMMIT runs the transaction again, like one in a statement", async () => {
    const sequelize = getSequelize();
    await sequelize.query("CREATE TABLE galera_commit_probe (id INT PRIMARY KEY, n INT NOT NULL)");
    await sequelize.query("INSERT INTO galera_commit_probe VALUES (1, 0)");
    const commit = Transaction.prototype.commit;
    let failures = 0;
    const spy = jest.spyOn(Transaction.prototype, "commit").mockImplementation(async function (this: Transaction) {
      if (failures++ === 0) {
        // What mysql2 gives for a certification failure: the server rolled the transaction back.
        await sequelize.query("ROLLBACK", { transaction: this });
        const error = Object.assign(new Error("Deadlock found when trying to get lock; try restarting transaction"), {
          parent: { errno: 1213, code: "ER_LOCK_DEADLOCK" },
        });
        (this as unknown as { finished: string }).finished = "commit";
        await (this as unknown as { cleanup(): Promise<void> }).cleanup();
        throw error;
      }
      return commit.call(this);
    });
    try {
      let runs = 0;
      const result = await sequelize.transaction(async (t) => {
        runs++;
        await sequelize.query("UPDATE galera_commit_probe SET n = n + 1 WHERE id = 1", { transaction: t });
        return "committed";
      });
      expect(result).toBe("committed");
      expect(runs).toBe(2);
      const [row] = await sequelize.query<{ n: number }>("SELECT n FROM galera_commit_probe WHERE id = 1", { type: QueryTypes.SELECT });
      expect(Number(row.n)).toBe(1);
    } finally {
      spy.mockRestore();
      await sequelize.query("DROP TABLE galera_commit_probe");
    }
  });

  it("counts the ids of a multi-row INSERT in the server's auto-increment steps", () => {
    expect(bulkInsertIds(7, 3, 1)).toEqual([7, 8, 9]);
    expect(bulkInsertIds(8, 4, 3)).toEqual([8, 11, 14, 17]);
  });

  mysqlOnly("bulkCreate returns the stored ids when auto_increment_increment is 3 (as on a three-node Galera)", async () => {
    const own = createSequelize(parseDatabaseUrl(process.env.DATABASE_URL));
    // Ahead of the connection module's own hook, so that it reads the step this session then has.
    const hooks = (own as unknown as { options: { hooks: Record<string, unknown[]> } }).options.hooks;
    hooks.afterConnect.unshift(async (connection: { promise(): { query(sql: string): Promise<unknown> } }) => {
      await connection.promise().query("SET SESSION auto_increment_increment = 3, auto_increment_offset = 2");
    });
    const Probe = own.define("GaleraStepProbe", { label: DataTypes.STRING(20) }, { tableName: "galera_step_probe", timestamps: false });
    try {
      await Probe.sync();
      const made = await Probe.bulkCreate(["甲", "乙", "丙", "丁"].map((label) => ({ label })));
      const stored = (await own.query("SELECT id, label FROM galera_step_probe ORDER BY id", { type: QueryTypes.SELECT })) as {
        id: number;
        label: string;
      }[];
      expect(made.map((p) => [Number(p.get("id")), p.get("label")])).toEqual(stored.map((r) => [Number(r.id), r.label]));
      expect(Number(stored[1].id) - Number(stored[0].id)).toBe(3);
    } finally {
      await own.query("DROP TABLE IF EXISTS galera_step_probe");
      await own.close();
    }
  });
});

/** The other nodes of the Galera cluster DATABASE_URL points into, or [] when it is not one. */
async function galeraNodes(sequelize: Sequelize): Promise<string[]> {
  if (sequelize.getDialect() !== "mysql") return [];
  const rows = (await sequelize.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_incoming_addresses')", {
    type: QueryTypes.SELECT,
  })) as { Variable_name: string; Value: string }[];
  const status = Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
  if (Number(status.wsrep_cluster_size ?? 0) < 2) return [];
  return (status.wsrep_incoming_addresses ?? "").split(",").filter(Boolean);
}

describe("on a Galera cluster", () => {
  let db: TestDatabase;
  let nodes: string[] = [];
  beforeAll(async () => {
    db = await createMigratedDatabase();
    nodes = await galeraNodes(getSequelize());
  });
  afterAll(() => db.drop());

  it("two transactions updating one row through two nodes both commit: the certification loser runs again", async () => {
    if (nodes.length < 2) return; // not a cluster: nothing to check here (the COMMIT case above covers the retry)
    const base = new URL(db.url);
    const sequelizes = nodes.slice(0, 2).map((address) => {
      const url = new URL(base);
      url.host = address;
      return createSequelize(parseDatabaseUrl(url.toString()));
    });
    try {
      await sequelizes[0].query("CREATE TABLE galera_conflict_probe (id INT PRIMARY KEY, n INT NOT NULL)");
      await sequelizes[0].query("INSERT INTO galera_conflict_probe VALUES (1, 0)");
      // The row must have reached the second node before it is updated there.
      for (let i = 0; i < 50; i++) {
        const rows = await sequelizes[1]
          .query("SELECT n FROM galera_conflict_probe WHERE id = 1", { type: QueryTypes.SELECT })
          .catch(() => []);
        if (rows.length) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      let waiting = 0;
      const attempts = [0, 0];
      const failedAfterWork: number[] = [];
      const both = async () => {
        waiting++;
        const deadline = Date.now() + 5000;
        while (waiting < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const runOn = (i: number) =>
        sequelizes[i].transaction(async (t) => {
          attempts[i]++;
          await sequelizes[i].query("UPDATE galera_conflict_probe SET n = n + 1 WHERE id = 1", { transaction: t });
          // Both have updated the row on their own node; neither node's lock reaches the other.
          if (attempts[i] === 1) await both();
          failedAfterWork.push(i);
        });
      await Promise.all([runOn(0), runOn(1)]);
      const [row] = (await sequelizes[0].query("SELECT n FROM galera_conflict_probe WHERE id = 1", { type: QueryTypes.SELECT })) as {
        n: number;
      }[];
      expect(Number(row.n)).toBe(2);
      // One of them lost certification at COMMIT (its work had finished) and ran a second time.
      expect(attempts[0] + attempts[1]).toBe(3);
      expect(failedAfterWork).toHaveLength(3);
    } finally {
      await sequelizes[0].query("DROP TABLE IF EXISTS galera_conflict_probe").catch(() => undefined);
      await Promise.all(sequelizes.map((s) => s.close()));
    }
  });
});
