import crypto from "node:crypto";
import { MAX_FILE_BYTES } from "~/lib/limits";
import { message } from "~/lib/messages";
import fs from "node:fs";
import path from "node:path";

/**
 * Uploaded files: checked by their content (magic bytes), not their name, and stored outside
 * public/ under random names in UPLOAD_DIR (default data/uploads). Their rows are in the
 * attachment store (attachments.ts); only web/attachments.ts hands them out, to whoever may see the owner.
 */
export const uploadDir = () => path.resolve(process.env.UPLOAD_DIR ?? path.join(process.cwd(), "data", "uploads"));

const KINDS = [
  { mime: "image/jpeg", ext: "jpg", magic: [0xff, 0xd8, 0xff] },
  { mime: "image/png", ext: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: "application/pdf", ext: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
] as const;

export type UploadKind = (typeof KINDS)[number];

/** jpg, png or pdf by content; null for anything else, whatever its name says. */
export function detectKind(bytes: Uint8Array): UploadKind | null {
  return KINDS.find((k) => k.magic.every((b, i) => bytes[i] === b)) ?? null;
}

/**
 * The upload store could not write a file (disk full, UPLOAD_DIR unwritable or not a directory):
 * the caller's transaction is rolled back and the form says so (`error`), never a 500.
 */
export class UploadStorageError extends Error {
  constructor(readonly code: string) {
    super(`cannot store an upload: ${code}`);
  }
  /** The form error to show. */
  readonly error = "uploads.storageFailed";
}

/** Writes a checked file under a new random name; a file only partly written (disk full) is removed again. */
export function storeUpload(bytes: Uint8Array, kind: UploadKind): string {
  const name = `${crypto.randomUUID()}.${kind.ext}`;
  const file = path.join(uploadDir(), name);
  try {
    fs.mkdirSync(uploadDir(), { recursive: true });
    fs.writeFileSync(file, bytes, { flag: "wx" });
  } catch (error) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      /* nothing was written (UPLOAD_DIR is not a directory) */
    }
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    console.error(`✖ UPLOAD_DIR ${uploadDir()}: ${code} (${(error as Error).message})`);
    throw new UploadStorageError(code);
  }
  return name;
}

export function readUpload(storedName: string): Buffer | null {
  if (!/^[0-9a-f-]{36}\.(jpg|png|pdf)$/.test(storedName)) return null;
  const file = path.join(uploadDir(), storedName);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

export function removeUpload(storedName: string) {
  if (/^[0-9a-f-]{36}\.(jpg|png|pdf)$/.test(storedName)) fs.rmSync(path.join(uploadDir(), storedName), { force: true });
}

export type Upload = { name: string; bytes: Uint8Array };

/** Plain key: the limit is MESSAGE_LIMITS.fileMb. */
export const tooLargeError = "training.fileTooLarge";

/**
 * The error key for files that must not be stored (more than `max` at once, too large, not
 * jpg/png/pdf by content), or null. What the owner already holds is counted when they are attached
 * (attachments.ts), under its lock.
 */
export function uploadError(files: Upload[], options: { max: number }): string | null {
  if (files.length > options.max) return message("training.tooManyFiles", { max: options.max });
  for (const f of files) {
    if (f.bytes.byteLength > MAX_FILE_BYTES) return tooLargeError;
    if (!detectKind(f.bytes)) return "training.fileType";
  }
  return null;
}
