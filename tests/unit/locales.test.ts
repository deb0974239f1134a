import fs from "node:fs";
import path from "node:path";
import { fallbackLng, supportedLngs } from "~/i18n";
import { COMMITTEE_KINDS, ORG_KINDS } from "~/lib/org";
import { DISPUTE_CATEGORIES } from "~/lib/categories";

const localesDir = path.resolve(__dirname, "../../app/locales");

/** Every key path in a message tree, arrays counted as one leaf with their length. */
function keyPaths(tree: unknown, prefix = ""): string[] {
  if (Array.isArray(tree)) return [`${prefix}[${tree.length}]`];
  if (tree && typeof tree === "object") {
    return Object.entries(tree).flatMap(([key, value]) => keyPaths(value, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function load(lng: string, ns: string) {
  return JSON.parse(fs.readFileSync(path.join(localesDir, lng, `${ns}.json`), "utf8"));
}

describe("locale files", () => {
  const namespaces = fs.readdirSync(path.join(localesDir, fallbackLng)).map((f) => f.replace(/\.json$/, ""));

  it("exist for every supported language and namespace", () => {
    for (const lng of supportedLngs) {
      expect(fs.readdirSync(path.join(localesDir, lng)).sort()).toEqual(namespaces.map((n) => `${n}.json`).sort());
    }
  });

  it.each(namespaces)("%s has the same keys in zh-CN and en", (ns) => {
    const zh = keyPaths(load("zh-CN", ns)).sort();
    const en = keyPaths(load("en", ns)).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it.each(namespaces)("%s has no empty message", (ns) => {
    for (const lng of supportedLngs) {
      const empty = keyPaths(load(lng, ns)).filter((k) => {
        const value = k.split(".").reduce<any>((node, part) => node?.[part.replace(/\[\d+\]$/, "")], load(lng, ns));
        return typeof value === "string" && value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });

  it("labels every dispute category, org kind and committee kind", () => {
    for (const lng of supportedLngs) {
      const common = load(lng, "common");
      for (const c of DISPUTE_CATEGORIES) expect(common.category[c]).toEqual(expect.any(String));
      for (const k of ORG_KINDS) expect(common.org.kind[k]).toEqual(expect.any(String));
      for (const k of COMMITTEE_KINDS) expect(common.org.committeeKind[k]).toEqual(expect.any(String));
    }
  });

  it("writes Chinese with full-width punctuation", () => {
    const strings = keyPaths(load("zh-CN", "common")).length && JSON.stringify(load("zh-CN", "common"));
    // An ASCII comma or colon right after a Han character is almost always a typo in zh-CN copy.
    expect(String(strings).match(/[\u4e00-\u9fff][,:;?!]/g) ?? []).toEqual([]);
  });
});
