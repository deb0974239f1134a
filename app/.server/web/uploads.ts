import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { MAX_FILE_BYTES } from "~/lib/training-log";
import { MAX_MATERIALS } from "../events/materials";
import type { Upload } from "../uploads";

/** At most this many parts (fields and files) in one multipart form; no form of the app has 40. */
export const MAX_PARTS = 100;
/** File parts kept in memory: the largest upload form's maximum (event materials), plus one to tell "too many". */
export const MAX_FILE_PARTS = MAX_MATERIALS + 1;

class TooManyParts extends Error {}

/**
 * Reads parts into memory, a bounded number of them: past MAX_FILE_PARTS a file part is read and
 * dropped (a one-byte stand-in keeps its place, so the form's own "too many files" check answers),
 * and past MAX_PARTS parts the form is refused. The server has already bounded the whole body.
 */
function boundedUploadHandler(): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 });
  let parts = 0;
  let files = 0;
  return async (part) => {
    if (++parts > MAX_PARTS) throw new TooManyParts();
    if (part.filename !== undefined && ++files > MAX_FILE_PARTS) {
      for await (const chunk of part.data) void chunk;
      return new File(["x"], part.filename || "file");
    }
    return memory(part);
  };
}

/** A multipart form read in memory; null when one part is over MAX_FILE_BYTES or there are too many parts (nothing read further). */
export async function readMultipart(request: Request): Promise<FormData | null> {
  try {
    return await unstable_parseMultipartFormData(request, boundedUploadHandler());
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof TooManyParts) return null;
    throw error;
  }
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
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data") ? readMultipart(request) : request.formData();
}
