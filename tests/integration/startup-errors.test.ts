import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
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

describe("starting in production mode", () => {
  const start = (env: Record<string, string | undefined>, cwd = root) => {
    const result = spawnSync(tsx, [path.join(root, "scripts/start.ts")], {
      cwd,
      env: { ...process.env, NODE_ENV: "production", APP_SECRET: undefined, ...env, PORT: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr.trim() };
  };

  it("refuses to start without APP_SECRET, with one clear line", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "academy-secret-"));
    try {
      const result = start({}, empty);
      expect(result.status).toBe(1);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^✖ APP_SECRET is not set: production mode needs it/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it("points an existing install at the key it already has", () => {
    const install = fs.mkdtempSync(path.join(os.tmpdir(), "academy-secret-"));
    try {
      fs.mkdirSync(path.join(install, "data"));
      fs.writeFileSync(path.join(install, "data", "app-secret"), "k".repeat(64));
      const result = start({}, install);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(path.join(install, "data", "app-secret"));
    } finally {
      fs.rmSync(install, { recursive: true, force: true });
    }
  });

  it("refuses a short APP_SECRET", () => {
    const result = start({ APP_SECRET: "short" });
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/APP_SECRET is too short \(5 characters\)/);
  });
});

describe("WEB_CONCURRENCY", () => {
  const start = (env: Record<string, string | undefined>) => {
    const result = spawnSync(tsx, [path.join(root, "scripts/start.ts")], {
      cwd: root,
      env: { ...process.env, ...env, PORT: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr.trim() };
  };

  it("refuses several processes on SQLite, with one clear line, before building or migrating", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-workers-"));
    try {
      const file = path.join(dir, "academy.sqlite");
      const result = start({ WEB_CONCURRENCY: "2", DATABASE_URL: `sqlite:${file}` });
      expect(result.status).toBe(1);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^✖ WEB_CONCURRENCY=2 needs MySQL\/MariaDB: on SQLite the transaction queue holds only inside one process/,
      );
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a count that is not a whole number from 1 to 64", () => {
    for (const value of ["0", "two", "1.5", "65"]) {
      const result = start({ WEB_CONCURRENCY: value, DATABASE_URL: "mysql://root@127.0.0.1:1/academy" });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`✖ WEB_CONCURRENCY must be a whole number from 1 to 64 (server processes), not "${value}"`);
    }
  });
});
