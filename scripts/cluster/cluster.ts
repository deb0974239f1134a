/**
 * The whole scaled-out layout on one machine (README "Running at scale"):
 *   npm run cluster:up       three MariaDB Galera nodes, two app instances, nginx in front; waits for health, prints the URLs
 *   npm run cluster:status   wsrep_cluster_size and state of each node, health of each instance and of nginx
 *   npm run cluster:down     SIGTERM to the apps (they drain), nginx -s quit, each node shut down; `-- --remove` deletes CLUSTER_DIR
 * Everything is our own processes on loopback ports under CLUSTER_DIR (default data/cluster); the
 * machine's own MariaDB and nginx service are never touched.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import mysql from "mysql2/promise";
import { clusterAddress, clusterLayout, nodeUrl, root, type AppInstance, type GaleraNode, type Layout } from "./layout";

const MARIADBD = process.env.CLUSTER_MARIADBD ?? "/usr/sbin/mariadbd";
const GALERA = process.env.CLUSTER_GALERA ?? "/usr/lib/galera/libgalera_smm.so";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => console.log(line);

function which(command: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

function nginxBinary(): string {
  const found = which("nginx") ?? (fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null);
  if (found) return found;
  say("nginx is missing: installing the Debian package (apt-get install -y -qq nginx)…");
  const installed = spawnSync("apt-get", ["install", "-y", "-qq", "nginx"], { stdio: "inherit" });
  if (installed.status !== 0 || !fs.existsSync("/usr/sbin/nginx")) throw new Error("could not install nginx; install it and run again");
  return "/usr/sbin/nginx";
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number | null): pid is number {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await pause(200);
  }
  return true;
}

/** Starts a process in its own session (it outlives this script), output appended to `log`. */
function launch(command: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env): number {
  fs.mkdirSync(path.dirname(log), { recursive: true });
  const out = fs.openSync(log, "a");
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  child.unref();
  return child.pid!;
}

async function query<T = Record<string, unknown>>(node: GaleraNode, sql: string): Promise<T[]> {
  const connection = await mysql.createConnection({ host: "127.0.0.1", port: node.port, user: "root", connectTimeout: 3000 });
  try {
    const [rows] = await connection.query(sql);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

async function wsrepStatus(node: GaleraNode): Promise<Record<string, string> | null> {
  try {
    const rows = await query<{ Variable_name: string; Value: string }>(node, "SHOW GLOBAL STATUS LIKE 'wsrep_%'");
    return Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
  } catch {
    return null;
  }
}

/** grastate.dat's safe_to_bootstrap: the node that stopped last may start a new cluster from its data. */
function safeToBootstrap(node: GaleraNode): boolean | null {
  try {
    return /safe_to_bootstrap:\s*1/.test(fs.readFileSync(path.join(node.datadir, "grastate.dat"), "utf8"));
  } catch {
    return null;
  }
}

/**
 * Who the nodes run as. Started by root, mariadbd runs as `mysql` (the Debian package's user): the
 * rsync daemon a joining node starts for its first copy (SST) would otherwise drop to `nobody`
 * and could not write into a root-owned data directory.
 */
const dbUser = (() => {
  if (process.getuid?.() !== 0) return null;
  return spawnSync("id", ["-u", "mysql"]).status === 0 ? "mysql" : "root";
})();

function ownNodeDir(node: GaleraNode) {
  fs.mkdirSync(node.datadir, { recursive: true });
  if (dbUser && dbUser !== "root") spawnSync("chown", ["-R", `${dbUser}:`, node.dir]);
}

function nodeArgs(layout: Layout, node: GaleraNode, bootstrap: boolean): string[] {
  return [
    "--no-defaults",
    `--datadir=${node.datadir}`,
    `--port=${node.port}`,
    `--socket=${node.socket}`,
    `--pid-file=${node.pidFile}`,
    `--log-error=${node.log}`,
    "--bind-address=127.0.0.1",
    ...(dbUser ? [`--user=${dbUser}`] : []),
    // Loopback only, root without a password (as the fault suite's private server): no grant tables.
    "--skip-grant-tables",
    "--skip-name-resolve",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--max-connections=400",
    "--innodb-buffer-pool-size=128M",
    "--innodb-log-file-size=48M",
    // Galera's rules: row-based replication, InnoDB only, interleaved auto-increment locks.
    "--binlog-format=ROW",
    "--default-storage-engine=InnoDB",
    "--innodb-autoinc-lock-mode=2",
    // Durability comes from the other nodes holding the write set; a node's own log is flushed once a second.
    "--innodb-flush-log-at-trx-commit=2",
    "--wsrep-on=ON",
    `--wsrep-provider=${GALERA}`,
    `--wsrep-cluster-name=academy`,
    `--wsrep-cluster-address=${clusterAddress(layout)}`,
    `--wsrep-node-name=${node.name}`,
    `--wsrep-node-address=127.0.0.1:${node.galeraPort}`,
    `--wsrep-node-incoming-address=127.0.0.1:${node.port}`,
    `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${node.galeraPort};ist.recv_addr=127.0.0.1:${node.istPort};gcache.size=128M`,
    "--wsrep-sst-method=rsync",
    `--wsrep-sst-receive-address=127.0.0.1:${node.sstPort}`,
    ...(bootstrap ? ["--wsrep-new-cluster"] : []),
  ];
}

async function startNode(layout: Layout, node: GaleraNode, bootstrap: boolean) {
  if (alive(readPid(node.pidFile)) && (await wsrepStatus(node))) {
    say(`  ${node.name} already running on 127.0.0.1:${node.port}`);
    return;
  }
  ownNodeDir(node);
  const pid = launch(MARIADBD, nodeArgs(layout, node, bootstrap), path.join(node.dir, "mariadbd.out"));
  const started = Date.now();
  for (;;) {
    const status = await wsrepStatus(node);
    if (status?.wsrep_local_state_comment === "Synced" && status.wsrep_ready === "ON") break;
    if (!alive(pid)) throw new Error(`${node.name} exited while starting; see ${node.log}:\n${tail(node.log, 20)}`);
    if (Date.now() - started > 180_000) throw new Error(`${node.name} not synced within 180 s; see ${node.log}`);
    await pause(300);
  }
  const status = (await wsrepStatus(node))!;
  say(
    `  ${node.name} ${bootstrap ? "bootstrapped the cluster" : "joined"} on 127.0.0.1:${node.port} in ${((Date.now() - started) / 1000).toFixed(1)} s (cluster size ${status.wsrep_cluster_size})`,
  );
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function appSecret(layout: Layout): string {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  if (!fs.existsSync(layout.secretFile)) {
    fs.mkdirSync(layout.dir, { recursive: true });
    fs.writeFileSync(layout.secretFile, crypto.randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(layout.secretFile, "utf8").trim();
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

async function startApp(layout: Layout, app: AppInstance) {
  const origin = `http://127.0.0.1:${app.port}`;
  if (alive(readPid(app.pidFile)) && (await healthy(`${origin}/healthz`))) {
    say(`  ${app.name} already running on ${origin}`);
    return;
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(app.port),
    DATABASE_URL: nodeUrl(layout, app.node),
    APP_SECRET: appSecret(layout),
    UPLOAD_DIR: layout.uploadDir,
    SEED_DEMO: app.seed ? "true" : "false",
    TRUST_PROXY: "true",
    // Plain HTTP on 127.0.0.1:8080: cookies without the Secure flag, so a browser keeps them.
    INSECURE_COOKIES: process.env.INSECURE_COOKIES ?? "true",
    WEB_CONCURRENCY: process.env.CLUSTER_WEB_CONCURRENCY ?? "1",
    REQUEST_LOG: process.env.REQUEST_LOG ?? "false",
  };
  const pid = launch(process.execPath, ["--import", "tsx", "scripts/start.ts"], app.log, env);
  fs.mkdirSync(path.dirname(app.pidFile), { recursive: true });
  fs.writeFileSync(app.pidFile, String(pid));
  const started = Date.now();
  while (!(await healthy(`${origin}/healthz`))) {
    if (!alive(pid)) throw new Error(`${app.name} exited while starting; see ${app.log}:\n${tail(app.log, 20)}`);
    if (Date.now() - started > 600_000) throw new Error(`${app.name} not healthy within 600 s; see ${app.log}`);
    await pause(500);
  }
  say(`  ${app.name} serving on ${origin} (database ${app.node.name}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function nginxConf(layout: Layout): string {
  const { nginx } = layout;
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `# Written by scripts/cluster/cluster.ts; started as nginx -c ${nginx.conf} -p ${nginx.dir}
${user}worker_processes 1;
pid ${nginx.pidFile};
error_log ${path.join(nginx.dir, "error.log")} warn;
# An exam of 3,000 submitting twice at once holds 12,000 connections (6,000 from takers, 6,000 upstream).
worker_rlimit_nofile 65536;
events { worker_connections 30000; }
http {
  access_log ${path.join(nginx.dir, "access.log")};
  client_body_temp_path ${path.join(nginx.dir, "tmp/body")};
  proxy_temp_path ${path.join(nginx.dir, "tmp/proxy")};
  fastcgi_temp_path ${path.join(nginx.dir, "tmp/fastcgi")};
  uwsgi_temp_path ${path.join(nginx.dir, "tmp/uwsgi")};
  scgi_temp_path ${path.join(nginx.dir, "tmp/scgi")};
  # The app limits bodies itself (10 MiB uploads, counted as they arrive): pass them through unbuffered.
  client_max_body_size 64m;
  proxy_request_buffering off;
  upstream academy {
${layout.apps.map((a) => `    server 127.0.0.1:${a.port} max_fails=2 fail_timeout=5s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${nginx.port} backlog=4096;
    location / {
      proxy_pass http://academy;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      # An instance that is down or draining (503 "restarting"): the request goes to the other.
      # Only requests not yet sent, or idempotent ones, are tried again (nginx's default for POST).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

async function startNginx(layout: Layout) {
  const { nginx } = layout;
  const binary = nginxBinary();
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(nginx.dir, "tmp", sub), { recursive: true });
  fs.writeFileSync(nginx.conf, nginxConf(layout));
  const args = ["-c", nginx.conf, "-p", nginx.dir, "-e", path.join(nginx.dir, "error.log")];
  const test = spawnSync(binary, [...args, "-t", "-q"], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx config refused: ${test.stderr.trim()}`);
  if (alive(readPid(nginx.pidFile))) {
    spawnSync(binary, [...args, "-s", "reload"]);
  } else {
    const started = spawnSync(binary, args, { encoding: "utf8" });
    if (started.status !== 0) throw new Error(`nginx did not start: ${started.stderr.trim()}`);
  }
  const origin = `http://127.0.0.1:${nginx.port}`;
  const deadline = Date.now() + 20_000;
  while (!(await healthy(`${origin}/healthz`))) {
    if (Date.now() > deadline) throw new Error(`nginx on ${origin} not answering; see ${path.join(nginx.dir, "error.log")}`);
    await pause(300);
  }
  say(`  nginx on ${origin} → ${layout.apps.map((a) => a.port).join(", ")}`);
}

async function up(layout: Layout, fresh: boolean) {
  for (const need of [MARIADBD, GALERA]) if (!fs.existsSync(need)) throw new Error(`${need} is missing (Debian: mariadb-server, galera-4)`);
  if (!which("rsync")) throw new Error("rsync is missing: the nodes copy their first state with it (apt-get install rsync)");
  if (!which("mariadb-install-db")) throw new Error("mariadb-install-db is missing (Debian: mariadb-server)");
  if (fresh) await down(layout, true);
  fs.mkdirSync(layout.dir, { recursive: true });
  say(`Galera cluster (data in ${layout.dir}):`);
  const [first, ...others] = layout.nodes;
  let bootstrapFrom = first;
  if (!fs.existsSync(path.join(first.datadir, "mysql"))) {
    // A new cluster: the first node gets system tables; the others take a full copy (rsync SST) when they join.
    ownNodeDir(first);
    const installed = spawnSync(
      "mariadb-install-db",
      [
        "--no-defaults",
        `--datadir=${first.datadir}`,
        `--user=${dbUser ?? process.env.USER ?? "root"}`,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
      ],
      { encoding: "utf8" },
    );
    if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);
  } else if (!(await wsrepStatus(first)) && !layout.nodes.some((n) => alive(readPid(n.pidFile)))) {
    // Restarting a stopped cluster: bootstrap from the node that stopped last (safe_to_bootstrap: 1).
    const safe = layout.nodes.find((n) => safeToBootstrap(n));
    if (!safe) {
      throw new Error(
        "no node is marked safe_to_bootstrap in grastate.dat (the cluster did not stop cleanly); run `npm run cluster:up -- --fresh` for a new cluster, or see galera_recovery",
      );
    }
    bootstrapFrom = safe;
  }
  const running = await Promise.all(layout.nodes.map(async (n) => !!(await wsrepStatus(n))));
  await startNode(layout, bootstrapFrom, !running.some(Boolean));
  for (const node of [first, ...others].filter((n) => n !== bootstrapFrom)) await startNode(layout, node, false);
  await query(layout.nodes[0], `CREATE DATABASE IF NOT EXISTS \`${layout.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);

  say("App instances (same APP_SECRET and UPLOAD_DIR; the first migrates and seeds):");
  fs.mkdirSync(layout.uploadDir, { recursive: true });
  for (const app of layout.apps) await startApp(layout, app);
  await startNginx(layout);
  say(`
Ready:
  http://127.0.0.1:${layout.nginx.port}/            nginx, balancing over both instances
${layout.apps.map((a) => `  http://127.0.0.1:${a.port}/            ${a.name} directly (DATABASE_URL → ${a.node.name})`).join("\n")}
  mysql://root@127.0.0.1:${layout.nodes[0].port}/${layout.database}   (nodes on ${layout.nodes.map((n) => n.port).join(", ")})
Stop with npm run cluster:down (add -- --remove to delete ${layout.dir}).`);
}

async function stopPid(name: string, pid: number | null, signal: NodeJS.Signals, ms: number) {
  if (!alive(pid)) return;
  process.kill(pid, signal);
  if (await waitGone(pid, ms)) say(`  ${name} stopped`);
  else {
    process.kill(pid, "SIGKILL");
    await waitGone(pid, 5000);
    say(`  ${name} did not stop within ${ms / 1000} s: killed`);
  }
}

async function down(layout: Layout, remove: boolean) {
  if (!fs.existsSync(layout.dir)) return;
  say("Stopping:");
  // Apps first (they drain their requests and close their pools), then nginx, then the nodes one by one,
  // the first last, so that it is the one marked safe to bootstrap the next `up` from.
  await Promise.all(layout.apps.map((app) => stopPid(app.name, readPid(app.pidFile), "SIGTERM", 20_000)));
  for (const app of layout.apps) fs.rmSync(app.pidFile, { force: true });
  const nginxPid = readPid(layout.nginx.pidFile);
  if (alive(nginxPid)) {
    spawnSync(nginxBinary(), ["-c", layout.nginx.conf, "-p", layout.nginx.dir, "-s", "quit"]);
    if (await waitGone(nginxPid, 10_000)) say("  nginx stopped");
    else await stopPid("nginx", nginxPid, "SIGTERM", 5000);
  }
  for (const node of [...layout.nodes].reverse()) await stopPid(node.name, readPid(node.pidFile), "SIGTERM", 60_000);
  if (remove) {
    fs.rmSync(layout.dir, { recursive: true, force: true });
    say(`  removed ${layout.dir}`);
  }
}

async function status(layout: Layout): Promise<boolean> {
  let ok = true;
  for (const node of layout.nodes) {
    const s = await wsrepStatus(node);
    if (!s) ok = false;
    say(
      s
        ? `${node.name} 127.0.0.1:${node.port}  wsrep_cluster_size=${s.wsrep_cluster_size}  ${s.wsrep_local_state_comment}  ready=${s.wsrep_ready}  status=${s.wsrep_cluster_status}`
        : `${node.name} 127.0.0.1:${node.port}  not running`,
    );
    if (s && (s.wsrep_cluster_size !== "3" || s.wsrep_local_state_comment !== "Synced")) ok = false;
  }
  for (const [name, port] of [...layout.apps.map((a) => [a.name, a.port] as const), ["nginx", layout.nginx.port] as const]) {
    const good = await healthy(`http://127.0.0.1:${port}/healthz`);
    if (!good) ok = false;
    say(`${name.padEnd(5)} http://127.0.0.1:${port}/healthz  ${good ? "healthy" : "not answering"}`);
  }
  return ok;
}

const [command = "status", ...flags] = process.argv.slice(2);
const layout = clusterLayout();
try {
  if (command === "up") await up(layout, flags.includes("--fresh"));
  else if (command === "down") await down(layout, flags.includes("--remove"));
  else if (command === "status") process.exitCode = (await status(layout)) ? 0 : 1;
  else throw new Error(`unknown command "${command}": up [--fresh] | down [--remove] | status`);
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
