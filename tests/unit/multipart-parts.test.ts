import { MAX_FILE_PARTS, MAX_PARTS, filesFrom, readMultipart } from "~/.server/web/uploads";

const post = (form: FormData) => new Request("http://localhost/exercises/1", { method: "POST", body: form });
const png = (n: number) =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(n).fill(1)])], "p.png", { type: "image/png" });

describe("multipart parts are bounded", () => {
  it("keeps at most MAX_FILE_PARTS files in memory; later ones are read and dropped, but still counted", async () => {
    const form = new FormData();
    form.set("body", "调解方案");
    for (let i = 0; i < 15; i++) form.append("files", png(64 * 1024));
    const read = (await readMultipart(post(form)))!;
    const files = await filesFrom(read);
    expect(files).toHaveLength(15);
    expect(files.filter((f) => f.bytes.byteLength > 1)).toHaveLength(MAX_FILE_PARTS);
    expect(read.get("body")).toBe("调解方案");
  });

  it("refuses a form with more than MAX_PARTS parts", async () => {
    const form = new FormData();
    for (let i = 0; i <= MAX_PARTS; i++) form.append(`f${i}`, "x");
    expect(await readMultipart(post(form))).toBeNull();
  });

  it("reads an ordinary upload form unchanged", async () => {
    const form = new FormData();
    form.set("title", "讲义");
    form.append("files", png(10));
    const read = (await readMultipart(post(form)))!;
    expect(read.get("title")).toBe("讲义");
    expect((await filesFrom(read))[0].bytes.byteLength).toBe(18);
  });
});
