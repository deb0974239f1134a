import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

function runSeed(databaseUrl: string) {
  const result = spawnSync(tsx, ["scripts/seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), stdout: result.stdout.trim() };
}

describe("starting with a bad DATABASE_URL", () => {
  it("prints one line naming DATABASE_URL and the cause, and exits non-zero", () => {
    const result = runSeed("postgres://someone@somewhere/academy");
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/DATABASE_URL .*scheme "postgres:" is not supported/);
  });

  it("says which server it could not reach, without a stack dump or the password", () => {
    const result = runSeed("mysql://root:hunter2@127.0.0.1:1/academy");
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/DATABASE_URL cannot reach MySQL\/MariaDB root@127\.0\.0\.1:1\/academy: .*ECONNREFUSED/);
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
