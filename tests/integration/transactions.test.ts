import { QueryTypes, type Transaction } from "sequelize";
import { createMigratedDatabase, dialect, type TestDatabase } from "../support/db";
import { getSequelize } from "~/.server/db/connection";

/** Two org units to lock, and a way for two transactions to wait for each other. */
async function twoRows() {
  const sequelize = getSequelize();
  await sequelize.query(
    "INSERT INTO org_units (name, kind, path, depth, created_at, updated_at) VALUES ('甲', 'province', '/x/', 0, NOW(), NOW()), ('乙', 'province', '/y/', 0, NOW(), NOW())",
  );
  const rows = (await sequelize.query("SELECT id FROM org_units WHERE name IN ('甲', '乙') ORDER BY name", {
    type: QueryTypes.SELECT,
  })) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

const lock = (id: number, transaction: Transaction) =>
  getSequelize().query("SELECT id FROM org_units WHERE id = ? FOR UPDATE", { replacements: [id], transaction });

describe("managed transactions on MySQL/MariaDB", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createMigratedDatabase();
  });
  afterAll(() => db.drop());

  (dialect === "mysql" ? it : it.skip)(
    "two that lock the same rows in opposite order both commit: the deadlock victim runs again",
    async () => {
      const [a, b] = await twoRows();
      const runs = { first: 0, second: 0 };
      let holding = 0;
      const bothHolding = async () => {
        holding++;
        while (holding < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      const sequelize = getSequelize();
      const [first, second] = await Promise.all([
        sequelize.transaction(async (t) => {
          runs.first++;
          await lock(a, t);
          await bothHolding();
          await lock(b, t);
          return "first";
        }),
        sequelize.transaction(async (t) => {
          runs.second++;
          await lock(b, t);
          await bothHolding();
          await lock(a, t);
          return "second";
        }),
      ]);
      expect([first, second]).toEqual(["first", "second"]);
      // InnoDB rolled exactly one of them back once; it ran a second time and committed.
      expect(runs.first + runs.second).toBe(3);
    },
  );

  it("any other failure is not run again", async () => {
    const sequelize = getSequelize();
    let runs = 0;
    await expect(
      sequelize.transaction(async (t) => {
        runs++;
        await sequelize.query("SELECT no_such_column FROM org_units", { transaction: t });
      }),
    ).rejects.toThrow();
    expect(runs).toBe(1);
  });

  // (On SQLite transactions queue one after another, so none may be opened inside another.)
  (dialect === "mysql" ? it : it.skip)("a nested transaction is left to its outer one", async () => {
    const sequelize = getSequelize();
    await sequelize.transaction(async (outer) => {
      let inner = 0;
      await sequelize.transaction({ transaction: outer }, async () => {
        inner++;
      });
      expect(inner).toBe(1);
    });
  });
});
