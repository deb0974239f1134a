/**
 * The upload store cannot write (UPLOAD_DIR is under a regular file: ENOTDIR, which stops root
 * too): every attachment writer answers its translated form error, and its record is rolled back.
 * The fault suite (tests/faults) also fills a real tmpfs through the built server.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { withAttachments } from "~/.server/attachments";
import type { CurrentUser } from "~/.server/auth/users";
import { inTransaction } from "~/.server/db/connection";
import { Attachment, TrainingEvent, TrainingLog, User } from "~/.server/db/models";
import { addMaterials } from "~/.server/events/materials";
import { saveLog } from "~/.server/training/logs";
import { UploadStorageError } from "~/.server/uploads";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { seedWithPersonas } from "../support/personas";

let db: TestDatabase;
let dir: string;
let errorLog: jest.SpyInstance;
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const files = [{ name: "现场.png", bytes: png }];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-upload-storage-"));
  fs.writeFileSync(path.join(dir, "a-file"), "not a folder");
  // The demo seed stores scans of its own: into a folder that works, before the store breaks.
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  db = await createMigratedDatabase();
  await seedWithPersonas();
  process.env.UPLOAD_DIR = path.join(dir, "a-file", "uploads");
  errorLog = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(async () => {
  errorLog.mockRestore();
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("an UPLOAD_DIR that cannot be written", () => {
  it("the store throws UploadStorageError and the owner's transaction writes nothing", async () => {
    const log = (await TrainingLog.findOne({ order: [["id", "ASC"]] }))!;
    const before = await Attachment.count();
    const error = await withAttachments((attach) =>
      inTransaction((transaction) => attach(transaction, { kind: "log", id: log.id }, files, { max: 5, uploadedBy: null })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadStorageError);
    expect((error as UploadStorageError).code).toBe("ENOTDIR");
    expect((error as UploadStorageError).error).toBe("uploads.storageFailed");
    // The operator's log names the folder and the cause.
    expect(errorLog).toHaveBeenCalledWith(expect.stringContaining("ENOTDIR"));
    expect(await Attachment.count()).toBe(before);
  });

  it("a practical-training log with a file: the error on its files field, no log saved", async () => {
    const user = (await User.findOne({ where: { username: "demo_mediator" } }))!;
    const place = "无法保存文件的调解室";
    const result = await saveLog(
      { id: user.id } as CurrentUser,
      {
        type: "observation",
        occurredOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        hours: 1,
        place,
        supervisorName: "司法所所长",
        reflection: "观摩了一起相邻关系纠纷的现场调解，学习了调解员如何先核实事实、再分别做双方的工作，最后促成双方达成协议。",
        intent: "submit",
      },
      files,
    );
    expect(result).toEqual({ ok: false, errors: { files: ["uploads.storageFailed"] } });
    expect(await TrainingLog.count({ where: { place } })).toBe(0);
  });

  it("event materials: the error, no attachment", async () => {
    const event = (await TrainingEvent.findOne({ order: [["id", "ASC"]] }))!;
    const before = await Attachment.count({ where: { ownerKind: "event", ownerId: event.id } });
    expect(await addMaterials(event, files, event.createdBy!)).toEqual({ ok: false, error: "uploads.storageFailed" });
    expect(await Attachment.count({ where: { ownerKind: "event", ownerId: event.id } })).toBe(before);
  });
});
