import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { MAX_FILE_BYTES, MAX_FILES, trainingLogSchema } from "~/lib/training-log";
import { filesFrom } from "../uploads";
import type { Upload } from "./logs";

/**
 * Reads a log form (multipart, with up to five evidence files): the submission for the fields,
 * the files' bytes, or a files error when one is too large or there are too many.
 */
export async function readLogForm(request: Request) {
  if (Number(request.headers.get("Content-Length") ?? 0) > (MAX_FILES + 1) * MAX_FILE_BYTES) {
    return { tooLarge: true as const };
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 })),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { tooLarge: true as const };
    throw error;
  }
  const files: Upload[] = await filesFrom(form);
  form.delete("files");
  return { tooLarge: false as const, submission: parseWithZod(form, { schema: trainingLogSchema }), files };
}
