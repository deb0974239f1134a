import fs from "node:fs";
import path from "node:path";

const appDir = path.resolve(__dirname, "../../app");
const messages = JSON.parse(fs.readFileSync(path.join(appDir, "locales/zh-CN/common.json"), "utf8"));

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "locales" ? [] : files(full);
    return /\.(tsx?|ts)$/.test(e.name) ? [full] : [];
  });
}

function has(key: string): boolean {
  const node = key.split(".").reduce<any>((n, part) => n?.[part], messages);
  if (node !== undefined) return true;
  // i18next plural forms: key_one / key_other
  const parts = key.split(".");
  const last = parts.pop()!;
  const parent = parts.reduce<any>((n, part) => n?.[part], messages);
  return parent?.[`${last}_other`] !== undefined;
}

describe("message keys used in the code", () => {
  it("exist in the locale files (literal t('…') calls and error keys)", () => {
    const missing: string[] = [];
    for (const file of files(appDir)) {
      const source = fs.readFileSync(file, "utf8");
      const keys = [
        ...[...source.matchAll(/\bt\(\s*"([a-zA-Z][\w.]*)"/g)].map((m) => m[1]),
        ...[...source.matchAll(/"((?:validation|auth|account|roster|import)\.[a-zA-Z][\w.]*)"/g)].map((m) => m[1]),
      ];
      for (const key of keys) if (!has(key)) missing.push(`${path.relative(appDir, file)}: ${key}`);
    }
    expect(missing).toEqual([]);
  });
});
