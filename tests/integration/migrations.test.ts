import fs from "node:fs";
import path from "node:path";
import { DataTypes } from "sequelize";
import { getSequelize } from "~/.server/db/connection";
import { createMigrator, migrateUp } from "../../db/migrator";
import { migrations } from "../../db/migrations";
import type { Migration } from "../../db/migrations/types";
import { createTestDatabase, type TestDatabase } from "../support/db";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.drop());

async function tables(): Promise<string[]> {
  const names = (await getSequelize().getQueryInterface().showAllTables()) as unknown[];
  return names
    .map((t) => (typeof t === "string" ? t : (t as { tableName: string }).tableName))
    .filter((t) => t !== "schema_migrations" && !t.startsWith("sqlite_"))
    .sort();
}

describe("migrations", () => {
  it("lists every numbered file in db/migrations, in order", () => {
    const files = fs
      .readdirSync(path.resolve(__dirname, "../../db/migrations"))
      .filter((f) => /^\d{4}-.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ""))
      .sort();
    expect(migrations.map((m) => m.name)).toEqual(files);
  });

  it("go up, all the way down, and up again", async () => {
    const migrator = createMigrator(getSequelize());
    await migrator.up();
    const afterUp = await tables();
    expect(afterUp).toEqual(expect.arrayContaining(["org_units", "mediators", "mediator_specialties"]));
    expect((await migrator.executed()).length).toBe(migrations.length);

    await migrator.down({ to: 0 });
    expect(await tables()).toEqual([]);
    expect(await migrator.executed()).toEqual([]);

    await migrator.up();
    expect(await tables()).toEqual(afterUp);
  });

  it("leave the schema as it was when a migration fails half-way", async () => {
    await migrateUp(getSequelize());
    const before = await tables();
    const broken: Migration = {
      name: "9999-broken",
      async up({ queryInterface, transaction }) {
        await queryInterface.createTable("half_done", { id: { type: DataTypes.INTEGER, primaryKey: true } }, { transaction });
        await queryInterface.sequelize.query("SELECT * FROM no_such_table", { transaction });
      },
      async down({ queryInterface, transaction }) {
        await queryInterface.dropTable("half_done", { transaction });
      },
    };
    await expect(migrateUp(getSequelize(), [...migrations, broken])).rejects.toThrow();
    expect(await tables()).toEqual(before);
    const executed = await createMigrator(getSequelize(), [...migrations, broken]).executed();
    expect(executed.map((m) => m.name)).not.toContain("9999-broken");
  });
});
