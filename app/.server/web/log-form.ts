import { parseWithZod } from "@conform-to/zod";
import { MAX_FILE_BYTES, MAX_FILES, trainingLogSchema } from "~/lib/training-log";
import { ONCE_FIELD } from "./form-once";
import { filesFrom, readMultipart } from "./uploads";
import type { Upload } from "../uploads";

/**
 * Reads a log form (multipart, with up to five evidence files): the submission for the fields,
 * the files' bytes and the form's one-time token, or a files error when one is too large or there are too many.
 */
export async function readLogForm(request: Request) {
  // The same bound as the server's for upload forms (server/body-limit.ts): over it, the form says so without reading the body.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FILES * MAX_FILE_BYTES + 1024 * 1024) {
    return { tooLarge: true as const };
  }
  const form = await readMultipart(request);
  if (!form) return { tooLarge: true as const };
  const files: Upload[] = await filesFrom(form);
  form.delete("files");
  return { tooLarge: false as const, submission: parseWithZod(form, { schema: trainingLogSchema }), files, once: form.get(ONCE_FIELD) };
}
