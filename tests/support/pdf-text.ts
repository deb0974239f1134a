import { execFile } from "node:child_process";
import path from "node:path";

/**
 * The text of a PDF and its page count, read by pdf-parse (pdf.js) in a child Node process:
 * pdf.js loads its worker with a dynamic import, which Jest's module sandbox does not allow.
 */
export function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const script = `
    const { PDFParse } = require("pdf-parse");
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c)).on("end", async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      const { text, total } = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text, pages: total }));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["-e", script],
      { cwd: path.resolve(__dirname, "../.."), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin!.end(Buffer.from(pdf));
  });
}
