import { Readable } from "node:stream";
import { stripNulBytes } from "~/utils/strip-nul.server";

async function collect(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("stripNulBytes", () => {
  it("removes NUL padding and keeps every byte of split multi-byte characters", async () => {
    const text = Buffer.from("可能已被移动或删除。");
    const padded = [text.subarray(0, 7), Buffer.from([0, 0]), text.subarray(7)];
    const out = await collect(Readable.from(padded).pipe(stripNulBytes()));
    expect(out.toString("utf8")).toBe("可能已被移动或删除。");
  });
});
