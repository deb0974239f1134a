import { inTransaction } from "../db/connection";
import { TrainingEventFile, type TrainingEvent } from "../db/models";
import { uploadError, withStoredUploads } from "../uploads";

export const MAX_MATERIALS = 10;

/** Adds materials to an event: jpg/png/pdf by content, ≤ 10 MB each, at most ten per event. */
export async function addMaterials(event: TrainingEvent, files: { name: string; bytes: Uint8Array }[]) {
  const existing = await TrainingEventFile.count({ where: { eventId: event.id } });
  if (files.length === 0) return { ok: false as const, error: "events.noFile" };
  const error = uploadError(files, { already: existing, max: MAX_MATERIALS });
  if (error) return { ok: false as const, error };
  await withStoredUploads(files, (stored) =>
    inTransaction(async (transaction) => {
      for (const file of stored) await TrainingEventFile.create({ eventId: event.id, ...file }, { transaction });
    }),
  );
  return { ok: true as const };
}
