import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Evidence files: checked by their content (magic bytes), not their name, and stored outside
 * public/ under random names in UPLOAD_DIR (default data/uploads). Only routes that check who is
 * asking hand them out.
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

export function storeUpload(bytes: Uint8Array, kind: UploadKind): string {
  const name = `${crypto.randomUUID()}.${kind.ext}`;
  fs.mkdirSync(uploadDir(), { recursive: true });
  fs.writeFileSync(path.join(uploadDir(), name), bytes, { flag: "wx" });
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

/** The non-empty files of a multipart form field, as name and bytes. */
export async function filesFrom(form: FormData, field = "files") {
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const entry of form.getAll(field)) {
    if (entry instanceof Blob && entry.size > 0) {
      files.push({ name: (entry as File).name || "file", bytes: new Uint8Array(await entry.arrayBuffer()) });
    }
  }
  return files;
}

/** Serves a stored upload inline, never cached, never sniffed as another type; null when missing. */
export function uploadResponse(file: { storedName: string; mime: string; originalName: string }): Response | null {
  const bytes = readUpload(file.storedName);
  if (!bytes) return null;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
