import sharp, { type Metadata } from "sharp";
import { ROOM_IMAGES, imageName, type RoomImageKind } from "~/lib/rooms";
import type { Upload } from "../uploads";

/**
 * A room's photo and logo, checked by their content with sharp (never the file name or the type
 * the browser sent): only JPEG, PNG or WebP; at most MAX_IMAGE_PIXELS pixels (a small file that
 * decompresses to a huge picture — a pixel bomb — is refused from its header, before decoding);
 * at least a minimum size. Each is rotated upright, resized and re-encoded into the widths of
 * ROOM_IMAGES (photo: 4:3 JPEG; logo: square PNG on transparent), which strips EXIF, GPS and
 * every other metadata. The results go to the one attachment store (app/.server/attachments.ts).
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
const MIN_SIDE: Record<RoomImageKind, number> = { photo: 320, logo: 64 };
const INPUT_FORMATS = ["jpeg", "png", "webp"];

export type ImageError = "notImage" | "pixels" | "small";
export type ImageResult = { ok: true; variants: Upload[] } | { ok: false; error: ImageError };

export async function processImage(kind: RoomImageKind, bytes: Uint8Array): Promise<ImageResult> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" }).metadata();
  } catch (error) {
    // sharp reads the header first and refuses a picture over the limit before decoding it.
    return { ok: false, error: /pixel limit/i.test((error as Error).message) ? "pixels" : "notImage" };
  }
  if (!meta.format || !INPUT_FORMATS.includes(meta.format) || !meta.width || !meta.height) return { ok: false, error: "notImage" };
  if (meta.width * meta.height > MAX_IMAGE_PIXELS || (meta.pages ?? 1) > 1) return { ok: false, error: "pixels" };
  if (Math.min(meta.width, meta.height) < MIN_SIDE[kind]) return { ok: false, error: "small" };
  const spec = ROOM_IMAGES[kind];
  const variants: Upload[] = [];
  try {
    for (const width of spec.widths) {
      const pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: "error" }).rotate();
      const out =
        kind === "photo"
          ? await pipeline
              .resize({ width, height: Math.round((width * 3) / 4), fit: "cover", withoutEnlargement: false })
              .jpeg({ quality: 80, mozjpeg: true })
              .toBuffer()
          : await pipeline
              .resize({ width, height: width, fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
              .png({ compressionLevel: 9 })
              .toBuffer();
      variants.push({ name: imageName(kind, width), bytes: new Uint8Array(out) });
    }
  } catch {
    // A header that reads but a body that does not decode (a cut-short or corrupt file).
    return { ok: false, error: "notImage" };
  }
  return { ok: true, variants };
}
