import { pathRange, scopeFromPath } from "~/.server/org";

describe("materialised org paths", () => {
  it("bounds a subtree by the half-open range [path, path with the last '/' as '0')", () => {
    expect(pathRange("/1/5/")).toEqual({ from: "/1/5/", to: "/1/50" });
  });

  it("contains descendants and the node, not siblings whose id shares a prefix", () => {
    const scope = scopeFromPath(5, "/1/5/");
    const { from, to } = pathRange("/1/5/");
    const inRange = (p: string) => p >= from && p < to;
    for (const p of ["/1/5/", "/1/5/9/", "/1/5/12/300/"]) {
      expect(inRange(p)).toBe(true);
      expect(scope.contains(p)).toBe(true);
    }
    for (const p of ["/1/50/", "/1/51/2/", "/1/4/", "/1/", "/15/"]) {
      expect(inRange(p)).toBe(false);
      expect(scope.contains(p)).toBe(false);
    }
  });

  it("rejects something that is not a path", () => {
    expect(() => pathRange("1/5")).toThrow();
    expect(() => pathRange("/1/5")).toThrow();
  });
});
