import path from "node:path";

/**
 * The one-machine layout of `npm run cluster:up` (README "Running at scale"): three MariaDB Galera
 * nodes, two app instances (each on its own node), nginx in front. Everything listens on
 * 127.0.0.1; every file (data directories, logs, pids, the nginx config, uploads) lives under one
 * directory, CLUSTER_DIR (default data/cluster).
 */
export const root = path.resolve(import.meta.dirname, "../..");

export type GaleraNode = {
  name: string;
  /** MySQL protocol port. */
  port: number;
  /** Group communication (gmcast), incremental state transfer, and full state transfer (rsync). */
  galeraPort: number;
  istPort: number;
  sstPort: number;
  dir: string;
  datadir: string;
  socket: string;
  pidFile: string;
  log: string;
};

export type AppInstance = { name: string; port: number; node: GaleraNode; seed: boolean; log: string; pidFile: string };

export type Layout = {
  dir: string;
  database: string;
  nodes: GaleraNode[];
  apps: AppInstance[];
  nginx: { port: number; dir: string; conf: string; pidFile: string };
  uploadDir: string;
  secretFile: string;
};

export function clusterLayout(env: NodeJS.ProcessEnv = process.env): Layout {
  const dir = path.resolve(root, env.CLUSTER_DIR ?? "data/cluster");
  const nodes = [1, 2, 3].map((i): GaleraNode => {
    const nodeDir = path.join(dir, `node${i}`);
    return {
      name: `node${i}`,
      port: 3410 + i,
      galeraPort: 4570 + i,
      istPort: 4580 + i,
      sstPort: 4590 + i,
      dir: nodeDir,
      datadir: path.join(nodeDir, "data"),
      socket: path.join(nodeDir, "mariadb.sock"),
      pidFile: path.join(nodeDir, "mariadb.pid"),
      log: path.join(nodeDir, "mariadb.log"),
    };
  });
  // CLUSTER_WRITERS=one: every instance on node 1 (single-writer Galera; nodes 2 and 3 stand by).
  const oneWriter = env.CLUSTER_WRITERS === "one";
  const apps = [1, 2].map((i): AppInstance => ({
    name: `app${i}`,
    port: 3420 + i,
    node: oneWriter ? nodes[0] : nodes[i - 1],
    seed: i === 1,
    log: path.join(dir, "logs", `app${i}.log`),
    pidFile: path.join(dir, "pids", `app${i}.pid`),
  }));
  const nginxDir = path.join(dir, "nginx");
  return {
    dir,
    database: env.CLUSTER_DATABASE ?? "academy_cluster",
    nodes,
    apps,
    nginx: {
      port: Number(env.CLUSTER_NGINX_PORT ?? 8080),
      dir: nginxDir,
      conf: path.join(nginxDir, "nginx.conf"),
      pidFile: path.join(nginxDir, "nginx.pid"),
    },
    uploadDir: path.join(dir, "uploads"),
    secretFile: path.join(dir, "app-secret"),
  };
}

export const clusterAddress = (layout: Layout) => `gcomm://${layout.nodes.map((n) => `127.0.0.1:${n.galeraPort}`).join(",")}`;

export const nodeUrl = (layout: Layout, node: GaleraNode, database = layout.database) => `mysql://root@127.0.0.1:${node.port}/${database}`;
