import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zhCN from "~/locales/zh-CN/common.json";
import { MESSAGE_LIMITS, readMessage } from "~/lib/messages";
import { uploadDir } from "../uploads";
import { annotatedCopy, type ImportError, type SheetSpec } from "./workbook";

/**
 * The marked copy of a refused import (the uploaded sheet with a 错误说明 column, workbook.ts
 * `annotatedCopy`), kept for an hour for the user who uploaded it, under a random token: one
 * store for every import (the case register, the roster), each in a folder of its own.
 */
export type CopyKind = "case" | "roster";

/** An error as the clerk reads it in the copy (Chinese, like the sheet). */
export function describeError(e: ImportError): string {
  const { key, values } = readMessage(e.message);
  let value: unknown = zhCN;
  for (const part of key.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  const template = typeof value === "string" ? value : key;
  const all: Record<string, string | number> = { ...MESSAGE_LIMITS, ...values };
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(all[name] ?? ""));
}

const COPY_TTL_MS = 60 * 60 * 1000;
const copyDir = (kind: CopyKind) => path.join(uploadDir(), `${kind}-import-errors`);
const TOKEN = /^[0-9a-f]{32}$/;

/**
 * Keeps the uploaded sheet with its errors marked for an hour, for this user only; returns the
 * token to fetch it with, or null when the file cannot be read back (not an xlsx at all).
 */
export async function keepCopy(
  kind: CopyKind,
  userId: number,
  buffer: Buffer,
  spec: Pick<SheetSpec<string>, "sheetName" | "otherSheets">,
  errors: ImportError[],
): Promise<string | null> {
  const copy = await annotatedCopy(buffer, spec, errors, describeError);
  if (!copy) return null;
  const dir = copyDir(kind);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > COPY_TTL_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed meanwhile by another request.
    }
  }
  const token = crypto.randomBytes(16).toString("hex");
  fs.writeFileSync(path.join(dir, `${userId}-${token}.xlsx`), copy);
  return token;
}

/** The marked copy kept for this user under this token, while it lasts. */
export function readCopy(kind: CopyKind, userId: number, token: string): Buffer | null {
  if (!TOKEN.test(token)) return null;
  const file = path.join(copyDir(kind), `${userId}-${token}.xlsx`);
  try {
    if (Date.now() - fs.statSync(file).mtimeMs > COPY_TTL_MS) return null;
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
