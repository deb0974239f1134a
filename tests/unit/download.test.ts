import { download } from "~/.server/web/http";

describe("download", () => {
  it("names the file per RFC 6266/5987: an ASCII fallback without quotes, then the UTF-8 name with every reserved character escaped", () => {
    const response = download(Buffer.from("%PDF-1.4"), '调解协议书(张某"李某")*.pdf', "application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="_____(______)*.pdf"; filename*=UTF-8''%E8%B0%83%E8%A7%A3%E5%8D%8F%E8%AE%AE%E4%B9%A6%28%E5%BC%A0%E6%9F%90%22%E6%9D%8E%E6%9F%90%22%29%2A.pdf`,
    );
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
