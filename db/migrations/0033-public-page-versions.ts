import { DataTypes } from "sequelize";
import { TABLE_OPTIONS, type Migration } from "./types";

/**
 * public_page_versions: one counter per cached public section (/verify, /rooms, /experts,
 * /announcements), raised in the transaction of every write that changes what such a page shows.
 * Each process's page cache remembers the counter a page was rendered under and serves it only
 * while the counter is unchanged, so a change made through one instance is seen through every
 * other at once (issue 24), not after PUBLIC_CACHE_SECONDS.
 */
const SECTIONS = ["/verify", "/rooms", "/experts", "/announcements"];

const migration: Migration = {
  name: "0033-public-page-versions",
  async up({ queryInterface, transaction }) {
    await queryInterface.createTable(
      "public_page_versions",
      {
        section: { type: DataTypes.STRING(40), allowNull: false, primaryKey: true },
        version: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      },
      { ...TABLE_OPTIONS, transaction },
    );
    await queryInterface.bulkInsert(
      "public_page_versions",
      SECTIONS.map((section) => ({ section, version: 0 })),
      { transaction },
    );
  },
  async down({ queryInterface, transaction }) {
    await queryInterface.dropTable("public_page_versions", { transaction });
  },
};

export default migration;
