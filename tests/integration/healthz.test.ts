import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { closeSequelize } from "~/.server/db/connection";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createMigratedDatabase();
  });
  afterAll(() => db.drop());

  it("answers 200 with status and db ok after a real round trip", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 with db error when the database is unreachable", async () => {
    const saved = process.env.DATABASE_URL;
    await closeSequelize();
    // Nothing listens on port 1: the connection is refused at once.
    process.env.DATABASE_URL = "mysql://root@127.0.0.1:1/academy";
    try {
      const response = await loader();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "error", db: "error" });
    } finally {
      await closeSequelize();
      process.env.DATABASE_URL = saved;
    }
  });

  it("answers 503 when DATABASE_URL is malformed", async () => {
    const saved = process.env.DATABASE_URL;
    await closeSequelize();
    process.env.DATABASE_URL = "postgres://nobody@nowhere/x";
    try {
      expect((await loader()).status).toBe(503);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
