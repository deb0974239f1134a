import { safeRedirectPath } from "~/utils/redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/courses?x=1", "/courses?x=1"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    [null, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
