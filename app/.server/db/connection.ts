import fs from "node:fs";
import path from "node:path";
import { Sequelize, Transaction, type Options } from "sequelize";
import { parseDatabaseUrl, type DatabaseConfig } from "./config";
import { initModels } from "./models/init";

/**
 * The one owner of the database connection. Both dialects share every model and query;
 * only the connection options differ. The connection is made from DATABASE_URL when this module
 * is first imported (Sequelize connects on the first query), and every model is bound to it then;
 * after closeSequelize() the next getSequelize() makes a new one from DATABASE_URL as it is then.
 */
let current: { sequelize: Sequelize; config: DatabaseConfig } | undefined;

const common: Options = {
  logging: process.env.DB_LOG === "true" ? console.log : false,
  define: { underscored: true },
};

function sqlitePragmas(db: { exec(sql: string, cb: (err: Error | null) => void): void }) {
  // WAL lets readers run beside the writer; busy_timeout waits for the write lock instead of failing.
  return new Promise<void>((resolve, reject) =>
    db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000; PRAGMA synchronous = NORMAL;", (err) =>
      err ? reject(err) : resolve(),
    ),
  );
}

/**
 * SQLite has one writer at a time. Rather than let concurrent transactions of this process
 * fight over the lock (each on its own connection, failing with SQLITE_BUSY once the busy timeout
 * runs out), queue them here: they run one after another, in arrival order. Other processes still
 * meet the busy timeout. Never open a transaction inside another one's callback: pass it on.
 */
function queueTransactions(sequelize: Sequelize) {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const run = () => original(...args);
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

/**
 * InnoDB breaks a lock cycle by rolling one transaction back (ER_LOCK_DEADLOCK) and expects the
 * application to run it again; on Galera a transaction that loses certification to another node
 * fails at COMMIT the same way. A managed transaction (one given a callback, not nested in another)
 * is run again up to seven more times, after a random pause that doubles each time (up to 20, 40,
 * 80… ms, at most 640 ms): rows every writer shares — a province's rollups during a check-in storm
 * through two nodes — lose certification again and again, and four tries let 34 of 1,500 through
 * as errors. The callback must do nothing outside the database that cannot be repeated. Anything
 * else is passed through unchanged.
 */
const DEADLOCK = 1213;
export const isDeadlock = (error: unknown) => {
  const cause = (error as { parent?: { errno?: number } } | null)?.parent;
  return cause?.errno === DEADLOCK;
};
function retryDeadlocks(sequelize: Sequelize, attempts = 8) {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (...args: unknown[]) => {
    const managed = typeof args[args.length - 1] === "function";
    const nested = args.length > 1 && (args[0] as { transaction?: unknown } | undefined)?.transaction;
    if (!managed || nested) return original(...args);
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(...args);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(640, 10 * 2 ** attempt)));
      }
    }
  };
}

/**
 * Galera (and MySQL multi-primary setups) hand out auto-increment values in steps:
 * auto_increment_increment = the node count, auto_increment_offset = the node's place, so that
 * nodes never pick the same id. Sequelize's MySQL dialect gives the rows of a multi-row INSERT
 * (bulkCreate) the ids first, first + 1, first + 2…, which is wrong there: the rows got first,
 * first + step, first + 2·step. Each connection reads its step when it is made, and the ids of a
 * bulk insert are counted with it. (A multi-row INSERT is a "simple insert": InnoDB gives it one
 * run of values even with innodb_autoinc_lock_mode = 2, which Galera requires.)
 */
type StepConnection = { academyAutoIncrementStep?: number; promise(): { query(sql: string): Promise<[unknown]> } };
export const bulkInsertIds = (first: number, rows: number, step: number) => Array.from({ length: rows }, (_, i) => first + i * step);

function countBulkIdsInSteps(sequelize: Sequelize) {
  sequelize.addHook("afterConnect", async (connection) => {
    const c = connection as StepConnection;
    const [rows] = await c.promise().query("SELECT @@SESSION.auto_increment_increment AS step");
    c.academyAutoIncrementStep = Number((rows as { step: number | string }[])[0]?.step ?? 1) || 1;
  });
  type QueryThis = {
    connection?: StepConnection;
    instance?: unknown;
    model?: { autoIncrementAttribute?: string; primaryKeyAttribute: string; rawAttributes: Record<string, { field?: string }> };
  };
  type Header = { insertId?: number; affectedRows?: number; constructor?: { name: string } };
  const Query = (sequelize as unknown as { dialect: { Query: { prototype: Record<string, unknown> } } }).dialect.Query;
  if (Query.prototype.academyStepsCounted) return;
  Query.prototype.academyStepsCounted = true;
  const original = Query.prototype.formatResults as (this: QueryThis, data: unknown) => unknown;
  Query.prototype.formatResults = function (this: QueryThis, data: Header) {
    const result = original.call(this, data);
    const step = this.connection?.academyAutoIncrementStep ?? 1;
    const model = this.model;
    // Only the case where Sequelize counted the ids itself: an INSERT of a model whose key is its auto-increment.
    if (step === 1 || this.instance || !model || data?.constructor?.name !== "ResultSetHeader") return result;
    if (model.autoIncrementAttribute !== model.primaryKeyAttribute || !Array.isArray(result) || !Array.isArray(result[0])) return result;
    const field = model.rawAttributes[model.primaryKeyAttribute]?.field ?? model.primaryKeyAttribute;
    const ids = bulkInsertIds(Number(data.insertId), result[0].length, step);
    return [result[0].map((row: Record<string, unknown>, i: number) => ({ ...row, [field]: ids[i] })), ...result.slice(1)];
  };
}

export function createSequelize(config: DatabaseConfig): Sequelize {
  let sequelize: Sequelize;
  if (config.dialect === "sqlite") {
    fs.mkdirSync(path.dirname(config.storage), { recursive: true });
    sequelize = new Sequelize({
      ...common,
      dialect: "sqlite",
      storage: config.storage,
      // IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking.
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 3, match: [/SQLITE_BUSY/] },
    });
    sequelize.addHook("afterConnect", async (connection) => {
      await sqlitePragmas(connection as Parameters<typeof sqlitePragmas>[0]);
    });
    queueTransactions(sequelize);
  } else {
    sequelize = new Sequelize(config.database, config.username, config.password, {
      ...common,
      dialect: "mysql",
      host: config.host,
      port: config.port,
      timezone: "+00:00",
      // Each statement reads the latest committed rows, and InnoDB takes no gap locks: the rollups
      // (training/rollup.ts) lock the rows they recompute and then read what the last writer committed.
      isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED,
      dialectOptions: { charset: "utf8mb4", connectTimeout: 10_000, dateStrings: false },
      define: { ...common.define, charset: "utf8mb4", collate: "utf8mb4_unicode_ci" },
      pool: {
        max: Number(process.env.DB_POOL_MAX ?? 10),
        min: 0,
        acquire: 30_000,
        idle: 10_000,
      },
    });
    retryDeadlocks(sequelize);
    countBulkIdsInSteps(sequelize);
  }
  initModels(sequelize);
  return sequelize;
}

/** The process-wide connection, made from DATABASE_URL (again, after closeSequelize). */
export function getSequelize(): Sequelize {
  if (!current) {
    const config = parseDatabaseUrl(process.env.DATABASE_URL);
    current = { sequelize: createSequelize(config), config };
  }
  return current.sequelize;
}

/**
 * The one way to start a transaction: runs `work` in `within` when the caller already holds one
 * (so a function can take part in a larger write), in a new managed transaction otherwise
 * (committed when `work` resolves, rolled back when it throws; on MySQL/MariaDB run again after
 * a deadlock, on SQLite queued behind this process's other writers).
 */
export function inTransaction<T>(work: (transaction: Transaction) => Promise<T>, within?: Transaction | null): Promise<T> {
  if (within) return work(within);
  return getSequelize().transaction(async (transaction) => {
    const last = new Map<string, () => Promise<void>>();
    finalSteps.set(transaction, last);
    const result = await work(transaction);
    for (const step of last.values()) await step();
    return result;
  });
}

const finalSteps = new WeakMap<Transaction, Map<string, () => Promise<void>>>();

/**
 * Runs `step` at the end of `transaction`, after its work and just before its commit — once per
 * `key`, the last registered winning — so a write to a row every writer shares holds that row's
 * lock only for the commit. Right away for a transaction not opened by inTransaction.
 */
export async function beforeCommit(transaction: Transaction, key: string, step: () => Promise<void>) {
  const last = finalSteps.get(transaction);
  if (last) last.set(key, step);
  else await step();
}

export function getDatabaseConfig(): DatabaseConfig {
  getSequelize();
  return current!.config;
}

export async function closeSequelize(): Promise<void> {
  const open = current;
  current = undefined;
  if (open) await open.sequelize.close();
}

// Bind the models now, so that importing them is enough. A DATABASE_URL that cannot be parsed is
// reported by the first getSequelize() call (start-up prints it on one line), not at import.
try {
  getSequelize();
} catch {
  current = undefined;
}
