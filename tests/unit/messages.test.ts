import fs from "node:fs";
import path from "node:path";
import { MESSAGE_LIMITS, message, readMessage } from "~/lib/messages";
import { tooLong } from "~/lib/validation";

describe("messages with values", () => {
  it("a key without values stays the plain key", () => {
    expect(message("validation.required")).toBe("validation.required");
    expect(message("validation.required", {})).toBe("validation.required");
    expect(readMessage("validation.required")).toEqual({ key: "validation.required", values: {} });
  });

  it("values travel with the key as JSON, and come back as they went", () => {
    const text = message("auth.rateLimited", { minutes: 5 });
    expect(JSON.parse(text)).toEqual({ key: "auth.rateLimited", minutes: 5 });
    expect(readMessage(text)).toEqual({ key: "auth.rateLimited", values: { minutes: 5 } });
    expect(readMessage(tooLong(50))).toEqual({ key: "validation.tooLong", values: { max: 50 } });
    // A value named "key" cannot replace the key.
    expect(readMessage(message("import.duplicateInFile", { key: "x", row: 2 }))).toEqual({
      key: "import.duplicateInFile",
      values: { row: 2 },
    });
  });

  it("anything else is shown as it is", () => {
    expect(readMessage("{not json")).toEqual({ key: "{not json", values: {} });
    expect(readMessage('{"row":2}')).toEqual({ key: '{"row":2}', values: {} });
  });

  it("constant limits are known to the UI, in MB and rows", () => {
    expect(MESSAGE_LIMITS).toEqual({ fileMb: 10, importMb: 10, importRows: 10_000 });
  });

  it('no "key|value" message is left in the code', () => {
    const appDir = path.resolve(__dirname, "../../app");
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const found = files(appDir).flatMap((file) =>
      [...fs.readFileSync(file, "utf8").matchAll(/["`][a-z]+\.[a-zA-Z.]+\|(?:\d|\$\{)/g)].map(
        (m) => `${path.relative(appDir, file)}: ${m[0]}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
