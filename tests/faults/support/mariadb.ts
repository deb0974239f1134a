import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A MariaDB server of the fault suite's own: a fresh data directory (mariadb-install-db), its own
 * port and socket, no option files read (--no-defaults), so the machine's shared server (3306) is
 * never touched. `kill()` is a crash (SIGKILL, no clean shutdown); `start()` again runs InnoDB's
 * crash recovery on the same data directory and port.
 */
export type PrivateMariaDb = {
  port: number;
  url(database: string): string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
};

const MARIADBD = process.env.FAULTS_MARIADBD ?? "/usr/sbin/mariadbd";

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** The first free port from `from` on (3407 by default: never the shared 3306). */
export async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) if (port !== 3306 && (await portIsFree(port))) return port;
  throw new Error(`no free port from ${from}`);
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/** mariadbd and mariadb-install-db are installed (Debian's mariadb-server). */
export const mariadbAvailable = () =>
  fs.existsSync(MARIADBD) && spawnSync("sh", ["-c", "command -v mariadb-install-db"], { stdio: "ignore" }).status === 0;

export async function createPrivateMariaDb(dir: string, port: number): Promise<PrivateMariaDb> {
  const datadir = path.join(dir, "data");
  const socket = path.join(dir, "mariadb.sock");
  const log = path.join(dir, "mariadb.log");
  const installed = spawnSync(
    "mariadb-install-db",
    ["--no-defaults", `--datadir=${datadir}`, "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"],
    { encoding: "utf8" },
  );
  if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);

  let child: ChildProcess | undefined;
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  const start = async () => {
    const out = fs.openSync(log, "a");
    child = spawn(
      MARIADBD,
      [
        "--no-defaults",
        `--datadir=${datadir}`,
        `--port=${port}`,
        `--socket=${socket}`,
        `--pid-file=${path.join(dir, "mariadb.pid")}`,
        "--bind-address=127.0.0.1",
        "--user=root",
        "--skip-grant-tables",
        "--skip-name-resolve",
        "--innodb-buffer-pool-size=64M",
        "--innodb-log-file-size=16M",
        "--max-connections=200",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
      ],
      { stdio: ["ignore", out, out] },
    );
    fs.closeSync(out);
    const deadline = Date.now() + 60_000;
    while (!(await canConnect(port))) {
      if (exited()) throw new Error(`mariadbd exited: ${fs.readFileSync(log, "utf8").slice(-2000)}`);
      if (Date.now() > deadline) throw new Error("mariadbd did not listen within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    if (exited()) return;
    const gone = new Promise((resolve) => child!.once("exit", resolve));
    child!.kill(name);
    await gone;
  };
  return {
    port,
    url: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    start,
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
  };
}
