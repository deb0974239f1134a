import type { Transaction } from "sequelize";
import { message } from "~/lib/messages";
import { inTransaction } from "./db/connection";
import {
  Attachment,
  CaseFile,
  Exercise,
  ExerciseSubmission,
  MediationRoom,
  RoundApplication,
  TrainingEvent,
  TrainingLog,
} from "./db/models";
import type { OwnerKind } from "./db/models/Attachment";
import { detectKind, readUpload, removeUpload, storeUpload, type Upload } from "./uploads";

/**
 * The one attachment store: files of events (materials), logs (evidence), exercises (case
 * materials), submissions and register files (the scans a committee uploads for a review), each row naming its owner by kind and id. Files are checked by
 * content before they get here (uploads.ts `uploadError`); this module writes them, lists them and
 * removes them. Who may download one is decided by its owner (web/attachments.ts).
 */
export { OWNER_KINDS, type OwnerKind } from "./db/models/Attachment";
export type Owner = { kind: OwnerKind; id: number };
/** What a page shows of an attachment. */
export type AttachmentView = { id: number; name: string; size: number; mime: string };

/** Locks the owner's row, so two requests adding files to one record count one after the other. */
const lockOwner: Record<OwnerKind, (id: number, transaction: Transaction) => Promise<unknown>> = {
  event: (id, transaction) => TrainingEvent.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  log: (id, transaction) => TrainingLog.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  exercise: (id, transaction) => Exercise.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  submission: (id, transaction) => ExerciseSubmission.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  case_file: (id, transaction) => CaseFile.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  application: (id, transaction) => RoundApplication.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
  room: (id, transaction) => MediationRoom.findByPk(id, { attributes: ["id"], transaction, lock: transaction.LOCK.UPDATE }),
};

/** Records with drafts: their author, and whether the record still is one (locked). */
const draftOf: Partial<Record<OwnerKind, (id: number, transaction: Transaction) => Promise<{ authorId: number; draft: boolean } | null>>> =
  {
    log: async (id, transaction) => {
      const log = await TrainingLog.findByPk(id, {
        attributes: ["id", "authorUserId", "status"],
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      return log && { authorId: log.authorUserId, draft: log.status === "draft" };
    },
    submission: async (id, transaction) => {
      const submission = await ExerciseSubmission.findByPk(id, {
        attributes: ["id", "userId", "state"],
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      return submission && { authorId: submission.userId, draft: submission.state === "draft" };
    },
    // A round application's evidence (its applicant, or the admin who nominated a mediator without an account) while it is a draft or returned.
    application: async (id, transaction) => {
      const application = await RoundApplication.findByPk(id, {
        attributes: ["id", "userId", "nominatedBy", "stage"],
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      const authorId = application?.userId ?? application?.nominatedBy ?? null;
      return application && authorId !== null
        ? { authorId, draft: application.stage === "draft" || application.stage === "returned" }
        : null;
    },
  };

/** Thrown inside the caller's transaction when stored and new files together would be over the owner's limit. */
export class AttachmentLimitError extends Error {
  constructor(readonly max: number) {
    super(`more than ${max} files`);
  }
  /** The form error to show. */
  get error() {
    return message("training.tooManyFiles", { max: this.max });
  }
}

/** The files of `files` that are not already attached (same bytes) nor repeated in `files` itself. */
function notYetStored(existing: Attachment[], files: Upload[]): Upload[] {
  const seen: Uint8Array[] = [];
  for (const a of existing) {
    const bytes = files.some((f) => f.bytes.byteLength === a.size) ? readUpload(a.storedName) : null;
    if (bytes) seen.push(bytes);
  }
  const fresh: Upload[] = [];
  for (const f of files) {
    if (seen.some((s) => Buffer.compare(Buffer.from(s), Buffer.from(f.bytes)) === 0)) continue;
    seen.push(f.bytes);
    fresh.push(f);
  }
  return fresh;
}

/** Records checked files for an owner inside the caller's transaction; returns the new rows. */
export type Attach = (
  transaction: Transaction,
  owner: Owner,
  files: Upload[],
  options: { max: number; uploadedBy: number | null },
) => Promise<Attachment[]>;

/**
 * Runs `write` with an `attach` function for its transaction. `attach` locks the owner's row,
 * counts what it already has, leaves out files it already holds (a draft saved with a file and
 * then submitted with the same file keeps one copy), throws AttachmentLimitError when stored and
 * new ones would be more than `max`, then writes the files to disk and their rows in the
 * transaction. Files whose transaction does not commit (refused, failed, or run again after a
 * deadlock) are removed from disk when `write` ends, so no file outlives a failed write.
 */
export async function withAttachments<T>(write: (attach: Attach) => Promise<T>): Promise<T> {
  const written: string[] = [];
  const committed = new Set<string>();
  const attach: Attach = async (transaction, owner, files, { max, uploadedBy }) => {
    if (files.length === 0) return [];
    await lockOwner[owner.kind](owner.id, transaction);
    const existing = await Attachment.findAll({ where: { ownerKind: owner.kind, ownerId: owner.id }, transaction });
    const fresh = notYetStored(existing, files);
    if (fresh.length && existing.length + fresh.length > max) throw new AttachmentLimitError(max);
    const names: string[] = [];
    const created: Attachment[] = [];
    for (const file of fresh) {
      const kind = detectKind(file.bytes);
      if (!kind) throw new Error("attach: a file not checked with uploadError");
      const storedName = storeUpload(file.bytes, kind);
      written.push(storedName);
      names.push(storedName);
      created.push(
        await Attachment.create(
          {
            ownerKind: owner.kind,
            ownerId: owner.id,
            storedName,
            originalName: file.name.slice(0, 200),
            mime: kind.mime,
            size: file.bytes.byteLength,
            uploadedBy,
          },
          { transaction },
        ),
      );
    }
    transaction.afterCommit(() => {
      for (const name of names) committed.add(name);
    });
    return created;
  };
  try {
    return await write(attach);
  } finally {
    for (const name of written) if (!committed.has(name)) removeUpload(name);
  }
}

/** An owner's attachments, oldest first. */
export async function listAttachments(kind: OwnerKind, ownerId: number, transaction?: Transaction) {
  return Attachment.findAll({ where: { ownerKind: kind, ownerId }, order: [["id", "ASC"]], transaction });
}

/** An owner's attachments as a page lists them. */
export const attachmentViews = async (kind: OwnerKind, ownerId: number): Promise<AttachmentView[]> =>
  (await listAttachments(kind, ownerId)).map((a) => ({ id: a.id, name: a.originalName, size: a.size, mime: a.mime }));

/** One attachment of this owner, or null. */
export async function findAttachment(kind: OwnerKind, ownerId: number, id: number) {
  return Number.isSafeInteger(id) && id > 0 ? Attachment.findOne({ where: { id, ownerKind: kind, ownerId } }) : null;
}

/** The owner id of an attachment of this kind, or null (for URLs that name the attachment but not its owner). */
export async function ownerOf(kind: OwnerKind, id: number): Promise<number | null> {
  const found =
    Number.isSafeInteger(id) && id > 0 ? await Attachment.findOne({ where: { id, ownerKind: kind }, attributes: ["ownerId"] }) : null;
  return found?.ownerId ?? null;
}

/**
 * The author removes one file of their record while it is a draft. "notFound" for anyone else, an
 * unknown file or a kind without drafts; "notDraft" once the record is submitted. The file leaves
 * the disk when the removal commits.
 */
export async function removeAttachment(userId: number, owner: Owner, attachmentId: number): Promise<"removed" | "notFound" | "notDraft"> {
  const draft = draftOf[owner.kind];
  if (!draft || !Number.isSafeInteger(attachmentId) || attachmentId <= 0) return "notFound";
  return inTransaction(async (transaction) => {
    const facts = await draft(owner.id, transaction);
    if (!facts || facts.authorId !== userId) return "notFound";
    const file = await Attachment.findOne({ where: { id: attachmentId, ownerKind: owner.kind, ownerId: owner.id }, transaction });
    if (!file) return "notFound";
    if (!facts.draft) return "notDraft";
    await file.destroy({ transaction });
    transaction.afterCommit(() => removeUpload(file.storedName));
    return "removed";
  });
}

/** Removes every attachment of an owner (with the owner itself, in its transaction); the files go once it commits. */
export async function removeAllAttachments(transaction: Transaction, owner: Owner): Promise<number> {
  const files = await listAttachments(owner.kind, owner.id, transaction);
  if (files.length) await Attachment.destroy({ where: { id: files.map((f) => f.id) }, transaction });
  transaction.afterCommit(() => {
    for (const f of files) removeUpload(f.storedName);
  });
  return files.length;
}
