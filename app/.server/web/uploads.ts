import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_FILE_BYTES } from "~/lib/training-log";
import type { Upload } from "../uploads";

/** A multipart form read in memory; null when one part is over MAX_FILE_BYTES (nothing read further). */
export async function readMultipart(request: Request): Promise<FormData | null> {
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
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
