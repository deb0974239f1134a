import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const patchDir = path.join(root, "scripts/patches");
const patches = fs
  .readdirSync(patchDir)
  .filter((file) => file.endsWith(".patch"))
  .map((file) => {
    const [, scoped, version] = /^(.+)\+(\d+\.\d+\.\d+)\.patch$/.exec(file)!;
    return { file, name: scoped.replace("+", "/"), version };
  });

/**
 * tests/unit/library-patches.test.tsx checks the patches' behaviour as Jest loads the libraries
 * (their CommonJS builds). These check what `npm start` serves: scripts/patches/check-production.mjs
 * runs in a separate Node process under tsx, as scripts/start.ts does, and exercises each patch on
 * the file the production server loads (see scripts/patches/README.md).
 */
describe("library patches in production", () => {
  it("each patched package is pinned to the version its patch was made for", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      overrides: Record<string, string>;
    };
    for (const { name, version } of patches) {
      const override = pkg.overrides[name];
      expect({ name, pinned: override?.startsWith("$") ? pkg.dependencies[override.slice(1)] : override }).toEqual({
        name,
        pinned: version,
      });
      const installed = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string };
      expect({ name, installed: installed.version }).toEqual({ name, installed: version });
    }
  });

  it("every patch is active in the modules the production server loads", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--experimental-import-meta-resolve", path.join(patchDir, "check-production.mjs")],
      { cwd: root, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" }, timeout: 60_000 },
    );
    const output = `${run.stdout}${run.stderr}`;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining("all patches active") });
    for (const name of [
      "@remix-run/router",
      "react-router-dom",
      "@remix-run/react",
      "i18next",
      "sequelize",
      "@web3-storage/multipart-parser",
    ]) {
      expect(output).toMatch(new RegExp(`^✔ ${name.replace("/", "\\/")}`, "m"));
    }
    expect(patches.map((p) => p.name).sort()).toEqual([
      "@remix-run/react",
      "@remix-run/router",
      "@web3-storage/multipart-parser",
      "i18next",
      "react-router-dom",
      "sequelize",
    ]);
  });
});
