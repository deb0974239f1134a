import path from "node:path";

/** Where the data lives, decided once from DATABASE_URL. */
export type DatabaseConfig =
  | { dialect: "sqlite"; storage: string }
  | {
      dialect: "mysql";
      host: string;
      port: number;
      username: string;
      password: string;
      database: string;
    };

/** A DATABASE_URL we cannot use; its message is meant for the person starting the server. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUrlError";
  }
}

export const DEFAULT_SQLITE_FILE = path.join("data", "academy.sqlite");

/**
 * Unset → the embedded SQLite file `data/academy.sqlite`.
 * `sqlite:<path>` → another SQLite file (tests use throw-away ones).
 * `mysql://user:pass@host:port/db` (or `mariadb://`) → MySQL 8 / MariaDB through mysql2.
 */
export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const value = raw?.trim();
  if (!value) return { dialect: "sqlite", storage: path.resolve(cwd, DEFAULT_SQLITE_FILE) };

  if (value.startsWith("sqlite:")) {
    const file = value.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new DatabaseUrlError("sqlite: needs a file path, e.g. sqlite:data/academy.sqlite");
    return { dialect: "sqlite", storage: path.resolve(cwd, file) };
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError("is not a valid URL; expected mysql://user:password@host:3306/database");
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new DatabaseUrlError(
      `scheme "${url.protocol}" is not supported; use mysql://user:password@host:3306/database, or leave it unset for SQLite`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (!database || database.includes("/")) {
    throw new DatabaseUrlError("names no database; expected mysql://user:password@host:3306/database");
  }
  if (!url.hostname) throw new DatabaseUrlError("names no host");
  const port = url.port ? Number(url.port) : 3306;
  return {
    dialect: "mysql",
    host: url.hostname,
    port,
    username: decodeURIComponent(url.username || "root"),
    password: decodeURIComponent(url.password),
    database,
  };
}

/** The URL as it is safe to print: never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.dialect === "sqlite") return `SQLite ${config.storage}`;
  return `MySQL/MariaDB ${config.username}@${config.host}:${config.port}/${config.database}`;
}
