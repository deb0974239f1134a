import type { QueryInterface, Sequelize, Transaction } from "sequelize";

/** What every migration receives. Pass `transaction` to each call: on SQLite a failed step then rolls back whole. */
export type MigrationContext = {
  queryInterface: QueryInterface;
  sequelize: Sequelize;
  transaction: Transaction;
};

export type Migration = {
  name: string;
  up(context: MigrationContext): Promise<void>;
  /** Must tolerate a half-applied `up`: on MySQL/MariaDB DDL commits at once, so a failed `up` is undone by `down`. */
  down(context: MigrationContext): Promise<void>;
};

/** Table options both dialects accept; SQLite ignores the charset. */
export const TABLE_OPTIONS = { charset: "utf8mb4", collate: "utf8mb4_unicode_ci" } as const;
