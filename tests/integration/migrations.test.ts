import fs from "node:fs";
import path from "node:path";
import { DataTypes, QueryTypes } from "sequelize";
import { getSequelize } from "~/.server/db/connection";
import { createMigrator, migrateUp } from "../../db/migrator";
import { migrations } from "../../db/migrations";
import type { Migration } from "../../db/migrations/types";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { notificationLink } from "~/lib/notifications";

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

  it("0026 fills every mediator's pinyin sort key, and goes down and up again", async () => {
    const sequelize = getSequelize();
    const migrator = createMigrator(sequelize);
    await migrator.up({ to: "0023-rate-limits" });
    const at = "2026-11-02 09:30:00.000";
    await sequelize.query(
      "INSERT INTO org_units (kind, name, path, depth, created_at, updated_at) VALUES ('committee', '桃源村调委会', '/1/', 0, ?, ?)",
      {
        replacements: [at, at],
      },
    );
    const [{ id: orgId }] = (await sequelize.query("SELECT id FROM org_units", { type: QueryTypes.SELECT })) as { id: number }[];
    for (const name of ["任", "何", "侯", "刘", "吕"])
      await sequelize.query(
        "INSERT INTO mediators (org_unit_id, name, gender, employment, org_path, created_at, updated_at) VALUES (?, ?, 'male', 'part_time', '/1/', ?, ?)",
        { replacements: [orgId, `${name}明`, at, at] },
      );
    await migrator.up({ to: "0026-mediator-name-key" });
    const sorted = (await sequelize.query("SELECT name, name_key FROM mediators ORDER BY name_key, id", { type: QueryTypes.SELECT })) as {
      name: string;
      name_key: string;
    }[];
    expect(sorted.map((r) => r.name)).toEqual(["何明", "侯明", "刘明", "吕明", "任明"]);
    expect(sorted[0].name_key).toBe("he2 ming2");
    await migrator.down({ to: "0026-mediator-name-key" });
    expect(Object.keys(await sequelize.getQueryInterface().describeTable("mediators"))).not.toContain("name_key");
    await migrator.up({ to: "0026-mediator-name-key" });
    expect(Object.keys(await sequelize.getQueryInterface().describeTable("mediators"))).toContain("name_key");
  });

  it("0019 turns stored links into subjects and back (up → down → up)", async () => {
    const sequelize = getSequelize();
    const migrator = createMigrator(sequelize);
    await migrator.up({ to: "0017-attachments" });
    const at = "2026-11-02 09:30:00.000";
    await sequelize.query(
      "INSERT INTO users (username, display_name, password_hash, created_at, updated_at) VALUES ('zhang', '张某', 'x', ?, ?)",
      { replacements: [at, at] },
    );
    const [{ id: userId }] = (await sequelize.query("SELECT id FROM users", { type: QueryTypes.SELECT })) as { id: number }[];
    const note = (kind: string, link: string | null) =>
      sequelize.query("INSERT INTO notifications (user_id, kind, params, link, created_at) VALUES (?, ?, '{}', ?, ?)", {
        replacements: [userId, kind, link, at],
      });
    await note("exerciseRegraded", "/exercises/12");
    await note("trainingReminder", "/training");
    await note("other", null);
    const rows = async () =>
      (await sequelize.query("SELECT kind, subject_type, subject_id FROM notifications ORDER BY id", {
        type: QueryTypes.SELECT,
      })) as Record<string, unknown>[];
    await migrator.up({ to: "0019-notification-subjects" });
    const subjects = [
      { kind: "exerciseRegraded", subject_type: "exercise", subject_id: "12" },
      { kind: "trainingReminder", subject_type: "training_year", subject_id: null },
      { kind: "other", subject_type: null, subject_id: null },
    ];
    expect(await rows()).toEqual(subjects);
    expect(subjects.map((r) => notificationLink({ type: r.subject_type, id: r.subject_id }))).toEqual(["/exercises/12", "/training", null]);
    await migrator.down({ to: "0019-notification-subjects" });
    expect(
      ((await sequelize.query("SELECT link FROM notifications ORDER BY id", { type: QueryTypes.SELECT })) as { link: string | null }[]).map(
        (r) => r.link,
      ),
    ).toEqual(["/exercises/12", "/training", null]);
    await migrator.up({ to: "0019-notification-subjects" });
    expect(await rows()).toEqual(subjects);
  });

  it("0017 moves the four file tables into attachments and back, with their rows (up → down → up)", async () => {
    const sequelize = getSequelize();
    const migrator = createMigrator(sequelize);
    await migrator.up({ to: "0016-form-submissions" });
    const at = "2026-11-02 09:30:00.000";
    const insert = async (sql: string, replacements: unknown[] = []) => {
      await sequelize.query(sql, { replacements });
      const [row] = (await sequelize.query("SELECT MAX(id) AS id FROM " + sql.split(" ")[2], { type: QueryTypes.SELECT })) as {
        id: number;
      }[];
      return Number(row.id);
    };
    const org = await insert(
      "INSERT INTO org_units (kind, name, path, depth, created_at, updated_at) VALUES ('committee', '东门社区人民调解委员会', '/1/', 0, ?, ?)",
      [at, at],
    );
    const author = await insert(
      "INSERT INTO users (username, display_name, password_hash, created_at, updated_at) VALUES ('zhang', '张某', 'x', ?, ?)",
      [at, at],
    );
    const trainer = await insert(
      "INSERT INTO users (username, display_name, password_hash, created_at, updated_at) VALUES ('li', '李某甲', 'x', ?, ?)",
      [at, at],
    );
    const mediator = await insert(
      "INSERT INTO mediators (org_unit_id, name, gender, employment, user_id, org_path, created_at, updated_at) VALUES (?, '张某', 'male', 'part_time', ?, '/1/', ?, ?)",
      [org, author, at, at],
    );
    const log = await insert(
      "INSERT INTO training_logs (mediator_id, author_user_id, org_path, type, occurred_on, hours, place, reflection, status, created_at, updated_at) VALUES (?, ?, '/1/', 'observation', '2026-10-30', 2, '调解室', '观摩调解。', 'draft', ?, ?)",
      [mediator, author, at, at],
    );
    const event = await insert(
      "INSERT INTO training_events (org_unit_id, audience_org_unit_id, title, form, kind, starts_at, ends_at, hours, place, capacity, created_by, created_at, updated_at) VALUES (?, ?, '调解技巧讲座', 'lecture', 'annual', ?, ?, 3, '司法所', 30, ?, ?, ?)",
      [org, org, at, at, trainer, at, at],
    );
    const exercise = await insert(
      "INSERT INTO exercises (org_unit_id, title, brief, rubric, pass_percent, due_at, late_policy, hours, form, created_by, created_at, updated_at) VALUES (?, '模拟调解', '写出方案。', '{}', 60, ?, 'accept', 2, 'drill', ?, ?, ?)",
      [org, at, trainer, at, at],
    );
    const submission = await insert(
      "INSERT INTO exercise_submissions (exercise_id, user_id, mediator_id, org_path, state, body, anon_code, created_at, updated_at) VALUES (?, ?, ?, '/1/', 'submitted', '方案', 'A-000001', ?, ?)",
      [exercise, author, mediator, at, at],
    );
    const file = (table: string, column: string, owner: number, n: number, name: string, mime: string) =>
      sequelize.query(`INSERT INTO ${table} (${column}, stored_name, original_name, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?)`, {
        replacements: [
          owner,
          `00000000-0000-4000-8000-00000000000${n}.${mime === "application/pdf" ? "pdf" : "png"}`,
          name,
          mime,
          1000 + n,
          at,
        ],
      });
    await file("training_event_files", "event_id", event, 1, "讲义.pdf", "application/pdf");
    await file("training_event_files", "event_id", event, 2, "签到表.png", "image/png");
    await file("training_log_files", "log_id", log, 3, "现场照片.png", "image/png");
    await file("exercise_files", "exercise_id", exercise, 4, "案例材料.pdf", "application/pdf");
    await file("submission_files", "submission_id", submission, 5, "调解方案.pdf", "application/pdf");
    await file("submission_files", "submission_id", submission, 6, "草图.png", "image/png");

    const expected = [
      ["event", event, 1, "讲义.pdf", "application/pdf", trainer],
      ["event", event, 2, "签到表.png", "image/png", trainer],
      ["log", log, 3, "现场照片.png", "image/png", author],
      ["exercise", exercise, 4, "案例材料.pdf", "application/pdf", trainer],
      ["submission", submission, 5, "调解方案.pdf", "application/pdf", author],
      ["submission", submission, 6, "草图.png", "image/png", author],
    ].map(([kind, owner, n, name, mime, by]) => ({
      kind,
      owner,
      stored: `00000000-0000-4000-8000-00000000000${n}.${mime === "application/pdf" ? "pdf" : "png"}`,
      name,
      mime,
      size: 1000 + Number(n),
      by,
    }));
    const attachments = async () =>
      (
        (await sequelize.query(
          "SELECT owner_kind, owner_id, stored_name, original_name, mime, size, uploaded_by, created_at FROM attachments ORDER BY stored_name",
          { type: QueryTypes.SELECT },
        )) as Record<string, unknown>[]
      ).map((r) => ({
        kind: r.owner_kind,
        owner: Number(r.owner_id),
        stored: r.stored_name,
        name: r.original_name,
        mime: r.mime,
        size: Number(r.size),
        by: Number(r.uploaded_by),
      }));
    const OLD = ["exercise_files", "submission_files", "training_event_files", "training_log_files"];
    const oldRows = async () => {
      const rows: unknown[] = [];
      for (const [table, column] of [
        ["training_event_files", "event_id"],
        ["training_log_files", "log_id"],
        ["exercise_files", "exercise_id"],
        ["submission_files", "submission_id"],
      ]) {
        const found = (await sequelize.query(
          `SELECT ${column} AS owner, stored_name, original_name, mime, size FROM ${table} ORDER BY stored_name`,
          { type: QueryTypes.SELECT },
        )) as Record<string, unknown>[];
        rows.push(
          ...found.map((r) => ({
            table,
            owner: Number(r.owner),
            stored: r.stored_name,
            name: r.original_name,
            mime: r.mime,
            size: Number(r.size),
          })),
        );
      }
      return rows;
    };
    const before = await oldRows();
    expect(before).toHaveLength(6);

    await migrator.up({ to: "0017-attachments" });
    expect(await attachments()).toEqual(expected);
    expect((await tables()).filter((t) => OLD.includes(t))).toEqual([]);
    const indexes = (await sequelize.getQueryInterface().showIndex("attachments")) as { name: string }[];
    expect(indexes.map((i) => i.name)).toContain("attachments_owner");

    await migrator.down({ to: "0017-attachments" });
    expect((await tables()).filter((t) => OLD.includes(t))).toEqual(OLD);
    expect(await tables()).toContain("login_failures");
    expect(await tables()).not.toContain("rate_limits");
    expect(await tables()).not.toContain("attachments");
    expect(await oldRows()).toEqual(before);

    await migrator.up({ to: "0017-attachments" });
    expect(await attachments()).toEqual(expected);
  });
});
