import { safeRedirectPath } from "~/utils/redirect";

describe("safeRedirectPath", () => {
  it.each([
    // Same-site paths pass unchanged.
    ["/", "/"],
    ["/courses?x=1", "/courses?x=1"],
    ["/roster?q=%E5%BC%A0%E6%9F%90", "/roster?q=%E5%BC%A0%E6%9F%90"],
    ["/roster?q=张某", "/roster?q=张某"],
    ["/events#month", "/events#month"],
    ["/courses/a%20b", "/courses/a%20b"],
    // Other hosts, schemes and protocol-relative forms.
    ["//evil.example", "/"],
    ["///evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["https://evil.example", "/"],
    ["http:evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["JavaScript:alert(1)", "/"],
    ["/javascript:alert(1)", "/javascript:alert(1)"],
    ["data:text/html,x", "/"],
    ["evil.example", "/"],
    ["", "/"],
    [" /courses", "/"],
    // Control characters, raw and encoded (Chromium drops tab/newline: "/\t/x" is "//x").
    ["/\t/evil.example/phish", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\nSet-Cookie: x=1", "/"],
    ["/courses\n", "/"],
    ["/\u0000", "/"],
    ["/\u007f/evil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/%0a/evil.example", "/"],
    ["/%0D%0ASet-Cookie:x", "/"],
    ["/%2F/evil.example", "/"],
    ["/%2f%2fevil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["/%5cevil.example", "/"],
    ["/%252F%252Fevil.example", "/"],
    ["/%E0%A4%A", "/"],
    ["/%", "/"],
    // Unicode separators and invisible format characters.
    ["/\u2028/evil.example", "/"],
    ["/\u2029", "/"],
    ["/\u200b/evil.example", "/"],
    ["/\u202e/evil.example", "/"],
    ["/\ufeff/evil.example", "/"],
    // Not a string at all.
    [null, "/"],
    [undefined, "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input as string | null | undefined)).toBe(expected);
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.example", "/me")).toBe("/me");
  });

  it("refuses a File from a multipart form", () => {
    expect(safeRedirectPath(new File(["x"], "x.txt"))).toBe("/");
  });
});
