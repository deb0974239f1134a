import zlib from "node:zlib";
import sharp from "sharp";

/** A real photo-like JPEG with EXIF (camera, GPS-like comment) to check that re-encoding strips metadata. */
export async function jpegWithExif(width = 1600, height = 1200): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#8a6"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#c33"/></svg>`;
  return new Uint8Array(
    await sharp(Buffer.from(svg))
      .jpeg()
      .withExif({ IFD0: { Make: "TestCam", Model: "X100", ImageDescription: "GPS 24.87N 118.67E secret" } })
      .toBuffer(),
  );
}

/** A small square PNG logo. */
export async function pngLogo(side = 300): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"><circle cx="${side / 2}" cy="${side / 2}" r="${side / 2 - 4}" fill="#b22"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/**
 * A pixel bomb: a valid PNG of a few kilobytes that says it is `side` × `side` pixels (grey,
 * one byte a pixel), its rows all zero — decoded it would need side² bytes of memory.
 */
export function pixelBombPng(side = 30_000, rowsStored = 64): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((side + 1) * rowsStored); // a few rows only: the header is what is checked
  const idat = zlib.deflateSync(raw, { level: 9 });
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", idat),
      chunk("IEND", Buffer.alloc(0)),
    ]),
  );
}
