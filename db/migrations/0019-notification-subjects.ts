import { DataTypes, QueryTypes } from "sequelize";
import type { Migration } from "./types";

/**
 * A notification stores what it is about (subject type + id; the id is text, as a course is known
 * by its slug), not a URL: the page that lists
 * messages builds the link (app/lib/notifications.ts), so renaming a route never breaks an old one.
 * Existing links are read back into subjects; `down` writes the links again.
 */
const SUBJECT_OF: [RegExp, string][] = [
  [/^\/exercises\/(\d+)$/, "exercise"],
  [/^\/training\/logs\/(\d+)$/, "log"],
  [/^\/events\/(\d+)$/, "event"],
  [/^\/courses\/([a-z0-9-]+)$/, "course"],
  [/^\/training$/, "training_year"],
];
const LINK_OF: Record<string, (id: string | null) => string> = {
  exercise: (id) => `/exercises/${id}`,
  log: (id) => `/training/logs/${id}`,
  event: (id) => `/events/${id}`,
  course: (id) => `/courses/${id}`,
  training_year: () => "/training",
};

const migration: Migration = {
  name: "0019-notification-subjects",
  async up({ queryInterface, sequelize, transaction }) {
    const columns = await queryInterface.describeTable("notifications");
    if (!columns.subject_type)
      await queryInterface.addColumn("notifications", "subject_type", { type: DataTypes.STRING(20), allowNull: true }, { transaction });
    if (!columns.subject_id)
      await queryInterface.addColumn("notifications", "subject_id", { type: DataTypes.STRING(64), allowNull: true }, { transaction });
    if (!columns.link) return;
    const rows = await sequelize.query<{ id: number; link: string | null }>("SELECT id, link FROM notifications WHERE link IS NOT NULL", {
      type: QueryTypes.SELECT,
      transaction,
    });
    for (const row of rows) {
      const found = SUBJECT_OF.map(([pattern, type]) => ({ type, match: pattern.exec(row.link ?? "") })).find((f) => f.match);
      if (!found) continue;
      const id = found.match![1] ?? null;
      await sequelize.query("UPDATE notifications SET subject_type = ?, subject_id = ? WHERE id = ?", {
        replacements: [found.type, id, row.id],
        transaction,
      });
    }
    await queryInterface.removeColumn("notifications", "link", { transaction });
  },
  async down({ queryInterface, sequelize, transaction }) {
    const columns = await queryInterface.describeTable("notifications");
    if (!columns.link)
      await queryInterface.addColumn("notifications", "link", { type: DataTypes.STRING(255), allowNull: true }, { transaction });
    if (columns.subject_type) {
      const rows = await sequelize.query<{ id: number; subject_type: string | null; subject_id: string | null }>(
        "SELECT id, subject_type, subject_id FROM notifications WHERE subject_type IS NOT NULL",
        { type: QueryTypes.SELECT, transaction },
      );
      for (const row of rows) {
        const link = LINK_OF[row.subject_type!]?.(row.subject_id);
        if (link) await sequelize.query("UPDATE notifications SET link = ? WHERE id = ?", { replacements: [link, row.id], transaction });
      }
      await queryInterface.removeColumn("notifications", "subject_type", { transaction });
    }
    if (columns.subject_id) await queryInterface.removeColumn("notifications", "subject_id", { transaction });
  },
};

export default migration;
