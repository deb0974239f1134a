import { AttachmentLimitError, withAttachments } from "../attachments";
import { inTransaction } from "../db/connection";
import type { TrainingEvent } from "../db/models";
import { UploadStorageError, uploadError, type Upload } from "../uploads";

export const MAX_MATERIALS = 10;

/** Adds materials to an event: jpg/png/pdf by content, ≤ 10 MB each, at most ten per event. */
export async function addMaterials(event: TrainingEvent, files: Upload[], uploadedBy: number) {
  if (files.length === 0) return { ok: false as const, error: "events.noFile" };
  const error = uploadError(files, { max: MAX_MATERIALS });
  if (error) return { ok: false as const, error };
  try {
    await withAttachments((attach) =>
      inTransaction((transaction) => attach(transaction, { kind: "event", id: event.id }, files, { max: MAX_MATERIALS, uploadedBy })),
    );
  } catch (thrown) {
    if (thrown instanceof AttachmentLimitError || thrown instanceof UploadStorageError) return { ok: false as const, error: thrown.error };
    throw thrown;
  }
  return { ok: true as const };
}
