import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AttachmentLimitError, listAttachments, removeAllAttachments, removeAttachment, withAttachments } from "~/.server/attachments";
import { inTransaction } from "~/.server/db/connection";
import { Attachment, TrainingEvent, TrainingLog } from "~/.server/db/models";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";
import { message } from "~/lib/messages";

/** The attachment store itself: what a failed write leaves behind, limits under concurrency, removal. */
let db: TestDatabase;
let uploads: string;
let log: TrainingLog;
let event: TrainingEvent;
const png = (n: number) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n, n, n]);

beforeAll(async () => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-attachments-"));
  process.env.UPLOAD_DIR = uploads;
  db = await createMigratedDatabase();
  await seedWithPersonas();
  log = (await TrainingLog.findOne({ order: [["id", "ASC"]] }))!;
  event = (await TrainingEvent.findOne({ order: [["id", "ASC"]] }))!;
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(uploads, { recursive: true, force: true });
});
beforeEach(async () => {
  await Attachment.destroy({ where: {} });
  for (const f of fs.readdirSync(uploads)) fs.rmSync(path.join(uploads, f));
});

const add = (owner: { kind: "log" | "event"; id: number }, files: { name: string; bytes: Uint8Array }[], max = 5, fail = false) =>
  withAttachments((attach) =>
    inTransaction(async (transaction) => {
      const created = await attach(transaction, owner, files, { max, uploadedBy: null });
      if (fail) throw new Error("the rest of the write failed");
      return created;
    }),
  );

describe("the attachment store", () => {
  it("leaves no file on disk when the owner's transaction does not commit", async () => {
    await expect(add({ kind: "log", id: log.id }, [{ name: "a.png", bytes: png(1) }], 5, true)).rejects.toThrow(
      "the rest of the write failed",
    );
    expect(await Attachment.count()).toBe(0);
    expect(fs.readdirSync(uploads)).toEqual([]);
  });

  it("counts stored and new files under the owner's lock: of two requests adding three files each where five fit, one is refused", async () => {
    const three = (base: number) => [0, 1, 2].map((i) => ({ name: `${base + i}.png`, bytes: png(base + i) }));
    const outcomes = await Promise.allSettled([add({ kind: "log", id: log.id }, three(10)), add({ kind: "log", id: log.id }, three(20))]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AttachmentLimitError);
    expect((refused.reason as AttachmentLimitError).error).toBe(message("training.tooManyFiles", { max: 5 }));
    expect(await Attachment.count({ where: { ownerKind: "log", ownerId: log.id } })).toBe(3);
    expect(fs.readdirSync(uploads)).toHaveLength(3);
  });

  it("keeps one copy of a file sent twice, and each owner's files apart", async () => {
    await add({ kind: "log", id: log.id }, [
      { name: "现场.png", bytes: png(1) },
      { name: "现场（副本）.png", bytes: png(1) },
    ]);
    await add({ kind: "log", id: log.id }, [{ name: "现场.png", bytes: png(1) }]);
    await add({ kind: "event", id: log.id }, [{ name: "现场.png", bytes: png(1) }]);
    expect((await listAttachments("log", log.id)).map((a) => a.originalName)).toEqual(["现场.png"]);
    expect(await listAttachments("event", log.id)).toHaveLength(1);
    expect(fs.readdirSync(uploads)).toHaveLength(2);
  });

  it("removes every file of an owner with it, from disk once that commits", async () => {
    await add({ kind: "event", id: event.id }, [
      { name: "讲义.png", bytes: png(1) },
      { name: "签到表.png", bytes: png(2) },
    ]);
    await add({ kind: "log", id: log.id }, [{ name: "现场.png", bytes: png(3) }]);
    await expect(
      inTransaction(async (transaction) => {
        await removeAllAttachments(transaction, { kind: "event", id: event.id });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await listAttachments("event", event.id)).toHaveLength(2);
    expect(fs.readdirSync(uploads)).toHaveLength(3);
    expect(await inTransaction((transaction) => removeAllAttachments(transaction, { kind: "event", id: event.id }))).toBe(2);
    expect(await listAttachments("event", event.id)).toEqual([]);
    expect(fs.readdirSync(uploads)).toHaveLength(1);
    expect(await listAttachments("log", log.id)).toHaveLength(1);
  });

  it("removes one file only for records with drafts, by their author", async () => {
    const [material] = await add({ kind: "event", id: event.id }, [{ name: "讲义.png", bytes: png(1) }]);
    expect(await removeAttachment(event.createdBy!, { kind: "event", id: event.id }, material.id)).toBe("notFound");
    const [evidence] = await add({ kind: "log", id: log.id }, [{ name: "现场.png", bytes: png(2) }]);
    expect(await removeAttachment(log.authorUserId + 100000, { kind: "log", id: log.id }, evidence.id)).toBe("notFound");
    expect(await removeAttachment(log.authorUserId, { kind: "log", id: log.id }, material.id)).toBe("notFound");
    expect(await removeAttachment(log.authorUserId, { kind: "log", id: log.id }, evidence.id)).toBe(
      log.status === "draft" ? "removed" : "notDraft",
    );
  });
});
