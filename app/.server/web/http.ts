/** A file download response with a UTF-8 file name (RFC 6266/5987), never cached by proxies. */
export function download(body: Buffer, filename: string, contentType: string): Response {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "private, no-store",
    },
  });
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
