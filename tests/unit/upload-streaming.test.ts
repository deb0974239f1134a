/**
 * Uploads are streamed to disk while the form is read (issue 23, finding 5): a file part goes to
 * a file in the request's private temp directory as it arrives, the form holds a File backed by
 * it, an oversized part stops at the limit and leaves nothing behind, and the server removes the
 * directory once the answer is out.
 */
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { readMultipart } from "~/.server/web/uploads";
import { MAX_FILE_BYTES, UPLOAD_TEMP_HEADER } from "~/lib/limits";
import { uploadTempFor } from "../../server/upload-temp";

let base: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "academy-stream-test-"));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const pdf = (size: number) => {
  const bytes = Buffer.alloc(size, 0x20);
  Buffer.from("%PDF-1.4\n").copy(bytes);
  return bytes;
};

function multipart(files: { name: string; bytes: Buffer }[], headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("note", "现场照片");
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: "application/pdf" }));
  return new Request("http://localhost/training/logs/new", { method: "POST", body: form, headers });
}

const filesIn = (dir: string) => fs.readdirSync(dir);

test("with a temp directory, each file part is written there and the form's File reads it back", async () => {
  const dir = fs.mkdtempSync(path.join(base, "req-"));
  const big = pdf(9 * 1024 * 1024);
  const form = await readMultipart(
    multipart(
      [
        { name: "调解协议书.pdf", bytes: big },
        { name: "a=b;c.pdf", bytes: pdf(100) },
      ],
      { [UPLOAD_TEMP_HEADER]: dir },
    ),
  );
  expect(form).not.toBeNull();
  expect(form!.get("note")).toBe("现场照片");
  const stored = filesIn(dir).map((name) => fs.statSync(path.join(dir, name)).size);
  expect(stored.sort((a, b) => a - b)).toEqual([100, big.length]);
  const [first, second] = form!.getAll("files") as File[];
  expect(first.name).toBe("调解协议书.pdf");
  expect(second.name).toBe("a=b;c.pdf");
  expect(Buffer.from(await first.arrayBuffer()).equals(big)).toBe(true);
  expect(first.type).toBe("application/pdf");
});

test("a part over the limit stops the reading (null) and leaves no partial file", async () => {
  const dir = fs.mkdtempSync(path.join(base, "req-"));
  const form = await readMultipart(
    multipart(
      [
        { name: "ok.pdf", bytes: pdf(10) },
        { name: "huge.pdf", bytes: pdf(MAX_FILE_BYTES + 1) },
      ],
      { [UPLOAD_TEMP_HEADER]: dir },
    ),
  );
  expect(form).toBeNull();
  expect(filesIn(dir).map((n) => fs.statSync(path.join(dir, n)).size)).toEqual([10]);
});

test("without a temp directory (an action called directly) the form is read in memory as before", async () => {
  const form = await readMultipart(multipart([{ name: "x.pdf", bytes: pdf(50) }]));
  expect((form!.get("files") as File).size).toBe(50);
});

test("a temp directory that cannot be written: the 503 'try again later' answer, not a 500", async () => {
  const file = path.join(base, "not-a-dir");
  fs.writeFileSync(file, "x");
  const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const thrown = await readMultipart(
    multipart([{ name: "x.pdf", bytes: pdf(50) }], { [UPLOAD_TEMP_HEADER]: path.join(file, "sub") }),
  ).catch((e: unknown) => e);
  logged.mockRestore();
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(503);
});

describe("the server's temp directory per request", () => {
  const fake = (method: string, type: string) => {
    const res = new EventEmitter() as unknown as ExpressResponse;
    const req = { method, get: (name: string) => (name.toLowerCase() === "content-type" ? type : undefined) } as unknown as ExpressRequest;
    return { req, res };
  };
  const saved = process.env.UPLOAD_TMP_DIR;
  beforeAll(() => (process.env.UPLOAD_TMP_DIR = path.join(base, "tmp")));
  afterAll(() => (saved === undefined ? delete process.env.UPLOAD_TMP_DIR : (process.env.UPLOAD_TMP_DIR = saved)));

  it("is made for a multipart POST, private, and removed with its files when the answer is out", async () => {
    const { req, res } = fake("POST", "multipart/form-data; boundary=x");
    const headers = new Headers({ [UPLOAD_TEMP_HEADER]: "/etc" });
    uploadTempFor(req, res, headers);
    const dir = headers.get(UPLOAD_TEMP_HEADER)!;
    expect(dir.startsWith(path.join(base, "tmp", "academy-upload-"))).toBe(true);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    fs.writeFileSync(path.join(dir, "part"), "data");
    (res as unknown as EventEmitter).emit("close");
    for (let i = 0; i < 100 && fs.existsSync(dir); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.existsSync(dir)).toBe(false);
  });

  it("a client's own header is dropped; other requests get none", () => {
    for (const [method, type] of [
      ["POST", "application/x-www-form-urlencoded"],
      ["GET", "multipart/form-data; boundary=x"],
    ]) {
      const { req, res } = fake(method, type);
      const headers = new Headers({ [UPLOAD_TEMP_HEADER]: "/etc" });
      uploadTempFor(req, res, headers);
      expect(headers.has(UPLOAD_TEMP_HEADER)).toBe(false);
    }
  });
});
