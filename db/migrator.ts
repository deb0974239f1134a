import type { Sequelize } from "sequelize";
import { SequelizeStorage, Umzug } from "umzug";
import { migrations as allMigrations } from "./migrations";
import type { Migration, MigrationContext } from "./migrations/types";

type Step = (context: MigrationContext) => Promise<void>;

/**
 * Runs one migration step in a transaction. SQLite rolls DDL back with it; MySQL/MariaDB commit
 * DDL implicitly, so there a failed `up` is undone by the migration's own (tolerant) `down`.
 */
async function guarded(sequelize: Sequelize, step: Step, undo?: Step) {
  try {
    await sequelize.transaction((transaction) => step({ queryInterface: sequelize.getQueryInterface(), sequelize, transaction }));
  } catch (error) {
    if (undo && sequelize.getDialect() !== "sqlite") {
      await sequelize
        .transaction((transaction) => undo({ queryInterface: sequelize.getQueryInterface(), sequelize, transaction }))
        .catch(() => undefined);
    }
    throw error;
  }
}

export function createMigrator(sequelize: Sequelize, migrations: Migration[] = allMigrations) {
  return new Umzug({
    migrations: migrations.map((m) => ({
      name: m.name,
      up: () => guarded(sequelize, m.up, m.down),
      down: () => guarded(sequelize, m.down),
    })),
    context: {},
    storage: new SequelizeStorage({ sequelize, tableName: "schema_migrations" }),
    logger: undefined,
  });
}

export async function migrateUp(sequelize: Sequelize, migrations?: Migration[]) {
  return createMigrator(sequelize, migrations).up();
}
