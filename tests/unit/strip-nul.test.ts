import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { collectDocument, stripNulBytes } from "~/utils/strip-nul.server";

describe("stripNulBytes", () => {
  it("removes NUL padding and keeps every byte of split multi-byte characters", () => {
    const text = Buffer.from("可能已被移动或删除。");
    const padded = Buffer.concat([text.subarray(0, 7), Buffer.from([0, 0]), text.subarray(7)]);
    expect(stripNulBytes(padded).toString("utf8")).toBe("可能已被移动或删除。");
  });

  it("returns a clean buffer as it is", () => {
    const clean = Buffer.from("<p>调解</p>");
    expect(stripNulBytes(clean)).toBe(clean);
  });
});

describe("collectDocument", () => {
  it("hands over every chunk as one buffer, NUL bytes dropped, when the writer ends", async () => {
    const text = Buffer.from("人民调解委员会调解民间纠纷");
    const chunks = [text.subarray(0, 4), Buffer.from([0]), text.subarray(4, 20), Buffer.from([0, 0]), text.subarray(20)];
    let html: Buffer | undefined;
    await pipeline(
      Readable.from(chunks),
      collectDocument(
        (done) => (html = done),
        (error) => {
          throw error;
        },
      ),
    );
    expect(html?.toString("utf8")).toBe("人民调解委员会调解民间纠纷");
  });
});
