import fs from "node:fs";
import path from "node:path";

/**
 * Two rules of app/.server, checked by reading the sources:
 * - no import cycle (type-only imports excluded: they vanish at run time);
 * - only the web edge (app/.server/web) sees the request: Request, Response, FormData, URL
 *   objects of a request, redirects. Domain modules take plain values and return results.
 */
const SERVER = path.resolve(__dirname, "../../app/.server");
const WEB = path.join(SERVER, "web");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const resolveFile = (base: string): string | null => {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
};

/** Runtime imports of a file that point inside app/.server. */
function runtimeImports(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  const specifiers = [...source.matchAll(/^\s*(import|export)\s+(?!type\b)(?:[^"';]*?\bfrom\s*)?["']([^"']+)["']/gm)].map((m) => m[2]);
  return specifiers
    .map((s) =>
      s.startsWith("~/") ? path.resolve(SERVER, "..", s.slice(2)) : s.startsWith(".") ? path.resolve(path.dirname(file), s) : null,
    )
    .map((target) => (target ? resolveFile(target) : null))
    .filter((target): target is string => Boolean(target) && target!.startsWith(SERVER + path.sep));
}

function findCycle(): string[] | null {
  const graph = new Map(files(SERVER).map((f) => [f, runtimeImports(f)]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(SERVER, f));
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return null;
}

describe("app/.server layers", () => {
  it("has no import cycle", () => {
    expect(findCycle()).toBeNull();
  });

  it("the cycle finder finds a cycle when there is one", () => {
    const dir = fs.mkdtempSync(path.join(SERVER, ".cycle-"));
    try {
      fs.writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
      fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport const b = () => a;\n');
      expect(findCycle()).not.toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("only the web edge sees Request, Response, FormData and redirects", () => {
    const WEB_WORDS = /\b(Request|Response|FormData|redirect|unstable_parseMultipartFormData|searchParams)\b/;
    const found = files(SERVER)
      .filter((f) => !f.startsWith(WEB + path.sep))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, i }))
          .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line) && WEB_WORDS.test(line))
          .map(({ line, i }) => `${path.relative(SERVER, f)}:${i + 1}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });
});
