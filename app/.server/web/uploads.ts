import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
  type UploadHandlerPart,
} from "@remix-run/node";
import { UPLOAD_TEMP_HEADER } from "~/lib/limits";
import { MAX_FILE_BYTES } from "~/lib/training-log";
import { MAX_MATERIALS } from "../events/materials";
import type { Upload } from "../uploads";
import { badRequest, mediaType, readFormData, refuseControlChars } from "./form";

/** At most this many parts (fields and files) in one multipart form; no form of the app has 40. */
export const MAX_PARTS = 100;
/** File parts kept in memory: the largest upload form's maximum (event materials), plus one to tell "too many". */
export const MAX_FILE_PARTS = MAX_MATERIALS + 1;

class TooManyParts extends Error {}
class TempWriteFailed extends Error {}

/**
 * A file part streamed to a file in the request's temp directory as it arrives (backpressure
 * respected, so memory holds a chunk, not the part), counted on the bytes received; over
 * MAX_FILE_BYTES it stops and the partial file goes. The form gets a File backed by that file.
 */
async function toDisk(part: UploadHandlerPart, dir: string): Promise<File> {
  const file = path.join(dir, crypto.randomUUID());
  let size = 0;
  async function* counted() {
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > MAX_FILE_BYTES) throw new MaxPartSizeExceededError(part.name, MAX_FILE_BYTES);
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(counted()), fs.createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await fs.promises.rm(file, { force: true }).catch(() => undefined);
    if (error instanceof MaxPartSizeExceededError) throw error;
    if ((error as NodeJS.ErrnoException).code) throw new TempWriteFailed((error as Error).message);
    throw error;
  }
  return new File([await fs.openAsBlob(file)], part.filename || "file", { type: part.contentType });
}

/**
 * Reads a bounded number of parts: fields in memory, files streamed to disk when the server gave
 * the request a temp directory (UPLOAD_TEMP_HEADER; in memory otherwise, as in tests that call an
 * action directly). Past MAX_FILE_PARTS a file part is read and dropped (a one-byte stand-in keeps
 * its place, so the form's own "too many files" check answers), and past MAX_PARTS parts the form
 * is refused. The server has already bounded the whole body.
 */
function boundedUploadHandler(request: Request): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 });
  const dir = request.headers.get(UPLOAD_TEMP_HEADER);
  let parts = 0;
  let files = 0;
  return async (part) => {
    if (++parts > MAX_PARTS) throw new TooManyParts();
    if (part.filename !== undefined && ++files > MAX_FILE_PARTS) {
      for await (const chunk of part.data) void chunk;
      return new File(["x"], part.filename || "file");
    }
    if (part.filename !== undefined && dir) return toDisk(part, dir);
    return memory(part);
  };
}

/** The temp directory is full or gone: the server cannot take files now (503, the "try again later" page). */
const cannotTakeFiles = () =>
  new Response("service unavailable", { status: 503, headers: { "Retry-After": "60", "Cache-Control": "no-store" } });

/**
 * A multipart form (its files on disk, see boundedUploadHandler); null when one part is over MAX_FILE_BYTES or there are too many
 * parts (nothing read further). A body that is not multipart, or is broken or cut short, and a form
 * with control characters are refused with the translated 400 page (app/.server/web/form.ts).
 */
export async function readMultipart(request: Request): Promise<FormData | null> {
  if (mediaType(request) !== "multipart/form-data") throw badRequest("notForm");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, boundedUploadHandler(request));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof TooManyParts) return null;
    if (error instanceof TempWriteFailed) {
      console.error(`✖ upload temp directory: ${error.message}`);
      throw cannotTakeFiles();
    }
    throw badRequest("notForm");
  }
  refuseControlChars(form);
  return form;
}

/** The non-empty files of a multipart form field, as name and bytes. */
export async function filesFrom(form: FormData, field = "files") {
  const files: Upload[] = [];
  for (const entry of form.getAll(field)) {
    if (entry instanceof Blob && entry.size > 0) {
      files.push({ name: (entry as File).name || "file", bytes: new Uint8Array(await entry.arrayBuffer()) });
    }
  }
  return files;
}

/** A form that may be multipart (with files) or plain (a small form beside it, such as removing a file); null as readMultipart. */
export async function readForm(request: Request): Promise<FormData | null> {
  return mediaType(request) === "multipart/form-data" ? readMultipart(request) : readFormData(request);
}
