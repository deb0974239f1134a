/**
 * `npx tsx scripts/cluster/failover.ts`: requests through nginx while one instance is stopped with
 * SIGTERM (it drains; nginx sends the rest to the other) and then started again with
 * `npm run cluster:up`. Prints how many requests were answered, by status, and the slowest.
 * CLUSTER_FAILOVER_SECONDS (default 20), CLUSTER_FAILOVER_CONNECTIONS (default 8), CLUSTER_FAILOVER_PATH (default /courses).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { clusterLayout, root } from "./layout";

const layout = clusterLayout();
const seconds = Number(process.env.CLUSTER_FAILOVER_SECONDS ?? 20);
const connections = Number(process.env.CLUSTER_FAILOVER_CONNECTIONS ?? 8);
const target = process.env.CLUSTER_FAILOVER_PATH ?? "/courses";
const victim = layout.apps[1];
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

const statuses = new Map<string, number>();
const times: number[] = [];
const get = () =>
  new Promise<void>((resolve) => {
    const started = performance.now();
    const req = http.get({ host: "127.0.0.1", port: layout.nginx.port, path: target, agent }, (res) => {
      res.resume();
      res.on("end", () => {
        times.push(performance.now() - started);
        statuses.set(String(res.statusCode), (statuses.get(String(res.statusCode)) ?? 0) + 1);
        resolve();
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      statuses.set(error.code ?? "error", (statuses.get(error.code ?? "error") ?? 0) + 1);
      resolve();
    });
  });

const end = Date.now() + seconds * 1000;
const workers = Array.from({ length: connections }, async () => {
  while (Date.now() < end) await get();
});
const pid = Number(fs.readFileSync(victim.pidFile, "utf8"));
await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 4));
const stopAt = Date.now();
process.kill(pid, "SIGTERM");
console.log(`SIGTERM to ${victim.name} (pid ${pid}) after ${seconds / 4} s`);
await new Promise((resolve) => setTimeout(resolve, 2000));
// Not spawnSync: the load must go on while the instance starts again.
const restart = spawn(process.execPath, ["--import", "tsx", "scripts/cluster/cluster.ts", "up"], { cwd: root });
let output = "";
restart.stdout.on("data", (chunk) => (output += chunk));
restart.stderr.on("data", (chunk) => (output += chunk));
await new Promise((resolve) => restart.once("exit", resolve));
const back = output.split("\n").find((line) => line.includes(`${victim.name} serving`));
console.log(back ? `${back.trim()} (${((Date.now() - stopAt) / 1000).toFixed(1)} s after SIGTERM)` : `restart: ${output}`);
await Promise.all(workers);
agent.destroy();
times.sort((a, b) => a - b);
const total = [...statuses.values()].reduce((a, b) => a + b, 0);
console.log(
  `${total} requests to ${target} through nginx in ${seconds} s at ${connections} connections: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}; p50 ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, p99 ${times[Math.floor(times.length * 0.99)]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`,
);
process.exit(statuses.size === 1 && statuses.has("200") ? 0 : 1);
