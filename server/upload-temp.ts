import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Request, Response } from "express";
import { UPLOAD_TEMP_HEADER } from "../app/lib/limits";

/** Where file parts are streamed while a form is read: UPLOAD_TMP_DIR, else the system's temp directory. */
export const uploadTempBase = () => path.resolve(process.env.UPLOAD_TMP_DIR ?? os.tmpdir());

/**
 * For a multipart POST, a fresh private directory (0700) for its file parts, named to the app by
 * UPLOAD_TEMP_HEADER and removed with everything in it once the answer is sent or the client goes
 * away. A header of that name sent by the client is always dropped. When no directory can be made
 * the header is left out and the form is read in memory, as before (bounded by the body limit).
 */
export function uploadTempFor(req: Request, res: Response, headers: Headers) {
  headers.delete(UPLOAD_TEMP_HEADER);
  if (req.method !== "POST" || !/^multipart\/form-data/i.test(req.get("content-type") ?? "")) return;
  let dir: string;
  try {
    fs.mkdirSync(uploadTempBase(), { recursive: true });
    dir = fs.mkdtempSync(path.join(uploadTempBase(), "academy-upload-"));
  } catch {
    return;
  }
  headers.set(UPLOAD_TEMP_HEADER, dir);
  res.on("close", () => fs.rm(dir, { recursive: true, force: true }, () => {}));
}
