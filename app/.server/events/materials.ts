import { MAX_FILE_BYTES } from "~/lib/training-log";
import { getSequelize } from "../db/connection";
import { TrainingEventFile, type TrainingEvent } from "../db/models";
import { detectKind, removeUpload, storeUpload } from "../uploads";

export const MAX_MATERIALS = 10;

/** Adds materials to an event: jpg/png/pdf by content, ≤ 10 MB each, at most ten per event. */
export async function addMaterials(event: TrainingEvent, files: { name: string; bytes: Uint8Array }[]) {
  const existing = await TrainingEventFile.count({ where: { eventId: event.id } });
  if (files.length === 0) return { ok: false as const, error: "events.noFile" };
  if (existing + files.length > MAX_MATERIALS) return { ok: false as const, error: `training.tooManyFiles|${MAX_MATERIALS}` };
  for (const f of files) {
    if (f.bytes.byteLength > MAX_FILE_BYTES) return { ok: false as const, error: `training.fileTooLarge|${MAX_FILE_BYTES / 1024 / 1024}` };
    if (!detectKind(f.bytes)) return { ok: false as const, error: "training.fileType" };
  }
  const written: string[] = [];
  try {
    await getSequelize().transaction(async (transaction) => {
      for (const f of files) {
        const kind = detectKind(f.bytes)!;
        const storedName = storeUpload(f.bytes, kind);
        written.push(storedName);
        await TrainingEventFile.create({ eventId: event.id, storedName, originalName: f.name.slice(0, 200), mime: kind.mime, size: f.bytes.byteLength }, { transaction });
      }
    });
  } catch (error) {
    for (const name of written) removeUpload(name);
    throw error;
  }
  return { ok: true as const };
}
