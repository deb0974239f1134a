import fs from "node:fs";
import path from "node:path";

/**
 * The layers stay apart: the domain (app/.server) never imports components, components never
 * import the domain (the types they show live in app/lib), and app/lib imports neither. A simple
 * scan of every import, export … from, import() and require() in those folders.
 */
const app = path.resolve(__dirname, "../../app");
const SERVER = path.join(app, ".server");
const COMPONENTS = path.join(app, "components");
const LIB = path.join(app, "lib");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** Where each of a file's imports points, as an absolute path when it is inside app/ (else as written). */
function importsOf(file: string): { specifier: string; target: string }[] {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(SPECIFIER)].map(([, specifier]) => {
    if (specifier.startsWith("~/")) return { specifier, target: path.join(app, specifier.slice(2)) };
    if (specifier.startsWith(".")) return { specifier, target: path.resolve(path.dirname(file), specifier) };
    return { specifier, target: specifier };
  });
}

const inside = (target: string, dir: string) => target === dir || target.startsWith(dir + path.sep);

function crossings(from: string, forbidden: string[]) {
  const found: string[] = [];
  for (const file of files(from)) {
    for (const { specifier, target } of importsOf(file)) {
      if (forbidden.some((dir) => inside(target, dir))) found.push(`${path.relative(app, file)} imports "${specifier}"`);
    }
  }
  return found;
}

describe("module boundaries", () => {
  it("the scan sees the imports it is meant to catch", () => {
    const sample = path.join(COMPONENTS, "MediatorProfile.tsx");
    expect(importsOf(sample).map((i) => i.specifier)).toContain("~/lib/mediator");
    expect(files(SERVER).length).toBeGreaterThan(20);
    expect(files(COMPONENTS).length).toBeGreaterThan(10);
  });

  it("nothing under app/.server imports from app/components", () => {
    expect(crossings(SERVER, [COMPONENTS])).toEqual([]);
  });

  it("nothing under app/components imports from app/.server", () => {
    expect(crossings(COMPONENTS, [SERVER])).toEqual([]);
  });

  it("nothing under app/lib imports from app/.server or app/components", () => {
    expect(crossings(LIB, [SERVER, COMPONENTS])).toEqual([]);
  });
});
