import path from "node:path";
import mysql from "mysql2/promise";
import sqlite3 from "sqlite3";

/**
 * Runs one statement in the database of the server under test: the throw-away SQLite file the
 * global setup made, or `E2E_DATABASE_URL` (MySQL/MariaDB) when the tests drive an external server.
 * Used only to move a record's dates into the past, which no page can do.
 */
export async function serverSql(statement: string, params: unknown[] = []): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (url?.startsWith("mysql:")) {
    const connection = await mysql.createConnection(url);
    try {
      await connection.query(statement, params);
    } finally {
      await connection.end();
    }
    return;
  }
  if (!process.env.E2E_DIR) throw new Error("an external server needs E2E_DATABASE_URL=mysql://… to change its data");
  const db = new sqlite3.Database(path.join(process.env.E2E_DIR, "e2e.sqlite"));
  await new Promise<void>((resolve, reject) =>
    db.run(statement, params, (error) => {
      db.close();
      if (error) reject(error);
      else resolve();
    }),
  );
}
