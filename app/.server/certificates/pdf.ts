import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { formatCode, type CertificateStatus, type CertificateView } from "~/lib/certificate";

/**
 * The certificate as a PDF (A4 portrait), made on the server with no system font: the text is set
 * in Noto Sans SC from the @fontsource/noto-sans-sc package. That package splits the font into
 * about a hundred files by Unicode range (as browsers load it); each character is set in the file
 * that holds it, and only the files a certificate uses are embedded, each as a subset of the
 * glyphs used — a certificate carries a few dozen kilobytes of font. The QR code is drawn as
 * vector squares, so it prints sharp at any size.
 */

type Weight = 400 | 700;
type Face = { file: string; ranges: [number, number][] };

const fontDir = () => path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve("@fontsource/noto-sans-sc/400.css"));

const facesByWeight = new Map<Weight, Face[]>();
/** The font files of a weight and the code points each covers, read from the package's CSS. */
function faces(weight: Weight): Face[] {
  let list = facesByWeight.get(weight);
  if (!list) {
    const css = fs.readFileSync(path.join(fontDir(), `${weight}.css`), "utf8");
    list = [...css.matchAll(/url\(\.\/files\/([^)]+?\.woff)\) format\('woff'\);\s*unicode-range:\s*([^;]+);/g)].map((m) => ({
      file: m[1],
      ranges: m[2].split(",").map((r) => {
        const [from, to] = r.trim().replace(/^U\+/i, "").split("-");
        return [parseInt(from, 16), parseInt(to ?? from, 16)] as [number, number];
      }),
    }));
    facesByWeight.set(weight, list);
  }
  return list;
}

/**
 * A WOFF 1.0 file unpacked to the plain TrueType font it wraps (W3C WOFF: a header, a table
 * directory, each table zlib-compressed unless that would not shrink it). fontkit can read WOFF
 * itself, but inflates every table in JavaScript on each use — seconds per certificate; Node's
 * zlib does it once, and the unpacked font is kept.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error("not a WOFF file");
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? zlib.inflateSync(raw) : raw,
    };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    header.writeUInt32BE(table.tag, 12 + i * 16);
    header.writeUInt32BE(table.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(table.data.length, 24 + i * 16);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    chunks.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(chunks);
}

const fonts = new Map<string, Buffer>();
const readFont = (file: string) => {
  let bytes = fonts.get(file);
  if (!bytes) {
    bytes = woffToSfnt(fs.readFileSync(path.join(fontDir(), "files", file)));
    fonts.set(file, bytes);
  }
  return bytes;
};

/** Sets text in the font files that hold its characters, embedding each file once per document. */
class TextSetter {
  private embedded = new Map<string, Promise<PDFFont>>();
  constructor(private doc: PDFDocument) {}

  private font(file: string) {
    let font = this.embedded.get(file);
    if (!font) {
      font = this.doc.embedFont(readFont(file), { subset: true });
      this.embedded.set(file, font);
    }
    return font;
  }

  /** The text cut into runs that one font file can set. Characters no file holds are dropped. */
  private async runs(text: string, weight: Weight) {
    const runs: { font: PDFFont; text: string }[] = [];
    let current: { file: string; text: string } | null = null;
    const parts: { file: string; text: string }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const face = faces(weight).find((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));
      if (!face) continue;
      if (current && current.file === face.file) current.text += ch;
      else parts.push((current = { file: face.file, text: ch }));
    }
    for (const part of parts) runs.push({ font: await this.font(part.file), text: part.text });
    return runs;
  }

  async width(text: string, size: number, weight: Weight = 400) {
    return (await this.runs(text, weight)).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  async draw(
    page: PDFPage,
    text: string,
    at: {
      x: number;
      y: number;
      size: number;
      weight?: Weight;
      color?: ReturnType<typeof rgb>;
      align?: "left" | "center" | "right";
      rotate?: number;
    },
  ) {
    const weight = at.weight ?? 400;
    const runs = await this.runs(text, weight);
    const total = runs.reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, at.size), 0);
    let x = at.align === "center" ? at.x - total / 2 : at.align === "right" ? at.x - total : at.x;
    let y = at.y;
    const angle = ((at.rotate ?? 0) * Math.PI) / 180;
    for (const run of runs) {
      page.drawText(run.text, { x, y, size: at.size, font: run.font, color: at.color ?? INK, rotate: degrees(at.rotate ?? 0) });
      const w = run.font.widthOfTextAtSize(run.text, at.size);
      x += w * Math.cos(angle);
      y += w * Math.sin(angle);
    }
  }
}

const INK = rgb(0.11, 0.1, 0.09);
const SEAL = rgb(0.66, 0.13, 0.12);
const MUTED = rgb(0.36, 0.34, 0.32);

const STAMP: Record<Exclude<CertificateStatus, "valid">, string> = {
  expired: "已过期",
  revoked: "已撤销",
  downgraded: "已降级",
  superseded: "已被新证书取代",
};

/** "2026-03-15" → "2026年3月15日". */
const chineseDate = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The PDF of a certificate. `verifyUrl` is the absolute address of its /verify page (the QR
 * code's content). A certificate that is no longer valid carries its status across the page.
 */
export async function certificatePdf(view: CertificateView, verifyUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`人民调解员等级证书 ${view.holderName} ${formatCode(view.code)}`);
  doc.setSubject(`${view.levelName} · ${view.issuerName}`);
  doc.setCreator("Mediator Academy 调解员学院");
  doc.setProducer("Mediator Academy");
  const text = new TextSetter(doc);
  const page = doc.addPage([595.28, 841.89]);
  const { width, height } = page.getSize();
  const cx = width / 2;

  page.drawRectangle({ x: 28, y: 28, width: width - 56, height: height - 56, borderColor: SEAL, borderWidth: 3 });
  page.drawRectangle({ x: 38, y: 38, width: width - 76, height: height - 76, borderColor: SEAL, borderWidth: 0.8 });

  await text.draw(page, "人民调解员等级证书", { x: cx, y: height - 150, size: 32, weight: 700, color: SEAL, align: "center" });
  await text.draw(page, "CERTIFICATE OF PEOPLE'S MEDIATOR GRADE", { x: cx, y: height - 178, size: 10, color: MUTED, align: "center" });

  await text.draw(page, `${view.holderName}：`, { x: 90, y: height - 250, size: 18, weight: 700 });
  await text.draw(page, `经${view.issuerName}评定，`, { x: 126, y: height - 290, size: 16 });
  await text.draw(page, `授予“${view.levelName}”等级。`, { x: 90, y: height - 322, size: 16 });

  const rows: [string, string][] = [
    ["持证人", view.holderName],
    ["等　级", view.levelName],
    ["颁发机关", view.issuerName],
    ["颁发日期", chineseDate(view.issuedOn)],
    ["有效期至", chineseDate(view.validUntil)],
    ["验证码", formatCode(view.code)],
  ];
  let y = height - 400;
  for (const [label, value] of rows) {
    await text.draw(page, label, { x: 110, y, size: 13, color: MUTED });
    await text.draw(page, value, { x: 200, y, size: 13, weight: label === "验证码" ? 700 : 400 });
    y -= 30;
  }

  // QR code: vector modules, 4-module quiet zone (white paper).
  const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: "M" });
  const modules = qr.modules.size;
  const side = 120;
  const cell = side / modules;
  const qx = 90;
  const qy = 110;
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (qr.modules.get(row, col))
        page.drawRectangle({ x: qx + col * cell, y: qy + side - (row + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: INK });
    }
  }
  await text.draw(page, "扫码查验证书真伪与状态", { x: qx + side / 2, y: qy - 20, size: 9, color: MUTED, align: "center" });
  await text.draw(page, verifyUrl, { x: qx + side / 2, y: qy - 34, size: 7, color: MUTED, align: "center" });

  await text.draw(page, view.issuerName, { x: width - 100, y: 190, size: 15, weight: 700, align: "right" });
  await text.draw(page, chineseDate(view.issuedOn), { x: width - 100, y: 164, size: 13, align: "right" });

  if (view.status !== "valid") {
    await text.draw(page, STAMP[view.status], {
      x: cx - 150,
      y: height / 2 - 140,
      size: 64,
      weight: 700,
      color: rgb(0.8, 0.2, 0.18),
      rotate: 30,
    });
  }
  return doc.save();
}
