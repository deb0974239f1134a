import crypto from "node:crypto";
import fs from "node:fs";
import mysql from "mysql2/promise";

/** Shared by the storm benches (quiz.ts, checkin.ts): a fresh MariaDB database and many signed-in mediators. */

/**
 * Creates an empty database on the MySQL/MariaDB server DATABASE_URL names (default the machine's
 * own at 127.0.0.1:3306), points DATABASE_URL at it, and returns a function that drops it.
 */
export async function freshMysqlDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL?.startsWith("mysql") ? process.env.DATABASE_URL : "mysql://root@127.0.0.1:3306/academy");
  const name = `${prefix}_${Date.now()}`;
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  process.env.DATABASE_URL = base.toString();
  process.env.APP_SECRET ??= crypto.randomBytes(24).toString("hex");
  return {
    url: base.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/**
 * Where a storm bench sends its load. By default a fresh database on the MariaDB/MySQL server
 * DATABASE_URL names and the built server started on it (one instance). With BENCH_ORIGIN set
 * (e.g. http://127.0.0.1:8080, nginx of `npm run cluster:up`), the load goes there instead, and
 * DATABASE_URL must name the database those instances use (mysql://root@127.0.0.1:3411/academy_cluster);
 * the bench then adds its people to that database and drops nothing.
 */
export async function stormTarget(prefix: string): Promise<{ origin: string; where: string; pid?: number; stop(): Promise<void> }> {
  if (process.env.BENCH_ORIGIN) {
    if (!process.env.DATABASE_URL?.startsWith("mysql"))
      throw new Error("BENCH_ORIGIN needs DATABASE_URL=mysql://… naming the database behind it");
    const origin = process.env.BENCH_ORIGIN.replace(/\/$/, "");
    return { origin, where: `through ${origin}`, stop: async () => {} };
  }
  const database = await freshMysqlDatabase(prefix);
  const { startBuiltServer } = await import("./bench-server");
  const server = await startBuiltServer(process.env);
  return {
    origin: server.origin,
    pid: server.pid,
    where: "against the built server (one instance) on MariaDB/MySQL",
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
}

/**
 * `count` accounts with mediator records in the first committee of the seeded database, each
 * with a session (cookie name=value). Imports the app's modules, so DATABASE_URL must be set.
 */
export async function signedInMediators(count: number, origin: string) {
  const { OrgUnit, User } = await import("../../app/.server/db/models");
  const { addMediators } = await import("../../app/.server/roster/entries");
  const { createSession } = await import("../../app/.server/web/session");
  const committee = (await OrgUnit.findOne({ where: { kind: "committee" }, order: [["id", "ASC"]] }))!;
  const tag = crypto.randomBytes(3).toString("hex");
  const users = [];
  for (let from = 0; from < count; from += 1000) {
    users.push(
      ...(await User.bulkCreate(
        Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({
          username: `bench_${tag}_${from + i}`,
          displayName: `学员${from + i + 1}`,
          passwordHash: "-",
          passwordChangedAt: null,
          phone: null,
        })),
      )),
    );
  }
  for (let from = 0; from < users.length; from += 1000) {
    await addMediators(
      users.slice(from, from + 1000).map((u, i) => ({
        orgUnitId: committee.id,
        orgPath: committee.path,
        name: `学员${from + i + 1}`,
        gender: "male",
        employment: "part_time",
        userId: u.id,
      })),
    );
  }
  const cookies: string[] = [];
  for (const u of users) cookies.push((await createSession(u.id, new Request(origin))).split(";")[0]);
  return { users, cookies, committee };
}

/** p-th percentile of `xs` (nearest rank). */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/** CPU seconds (user + system) process `pid` has used so far, from /proc (0 when unknown). */
export function cpuSeconds(pid?: number): number {
  if (!pid) return 0;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
