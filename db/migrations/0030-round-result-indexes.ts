import { DataTypes } from "sequelize";
import type { Migration } from "./types";

/**
 * Indexes for a round of Beijing's size (30,000 applications, scripts/bench/round-report.ts):
 * - round_applications_order (round_id, stage, committee_id): the public announcement and the
 *   decisions list page by committee and id; the primary key rides at the end of the index on
 *   both dialects, so a page's ids come from the index alone, in order, and only fifty rows are read;
 * - round_applications_results replaces round_applications_stage (round_id, stage, org_path) with
 *   the same columns followed by what a result is made of (committee_id, outcome, awarded_level,
 *   level_before): the distribution report's grouped count and the announcement's result filter
 *   then read the index only, never the rows with their figures;
 * - evaluation_rounds.results_version, bumped by every move into or out of "decided": the report
 *   keeps each node's distribution in memory under the round's version, so a repeated look costs
 *   no query at all and any decision (in any process) makes the next look count again.
 */
const RESULTS = ["round_id", "stage", "org_path", "committee_id", "outcome", "awarded_level", "level_before"];

const migration: Migration = {
  name: "0030-round-result-indexes",
  async up({ queryInterface, transaction }) {
    await queryInterface.addColumn(
      "evaluation_rounds",
      "results_version",
      { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      { transaction },
    );
    await queryInterface.addIndex("round_applications", ["round_id", "stage", "committee_id"], {
      name: "round_applications_order",
      transaction,
    });
    await queryInterface.addIndex("round_applications", RESULTS, { name: "round_applications_results", transaction });
    await queryInterface.removeIndex("round_applications", "round_applications_stage", { transaction });
  },
  async down({ queryInterface, transaction }) {
    const names = new Set(
      ((await queryInterface.showIndex("round_applications", { transaction })) as { name: string }[]).map((i) => i.name),
    );
    if (!names.has("round_applications_stage"))
      await queryInterface.addIndex("round_applications", ["round_id", "stage", "org_path"], {
        name: "round_applications_stage",
        transaction,
      });
    if (names.has("round_applications_results"))
      await queryInterface.removeIndex("round_applications", "round_applications_results", { transaction });
    const columns = await queryInterface.describeTable("evaluation_rounds", { transaction } as never);
    if ("results_version" in columns) await queryInterface.removeColumn("evaluation_rounds", "results_version", { transaction });
    if (names.has("round_applications_order"))
      await queryInterface.removeIndex("round_applications", "round_applications_order", { transaction });
  },
};

export default migration;
