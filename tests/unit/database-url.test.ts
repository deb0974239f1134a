import path from "node:path";
import { DatabaseUrlError, describeDatabase, parseDatabaseUrl } from "~/.server/db/config";

describe("DATABASE_URL", () => {
  it("defaults to the embedded SQLite file data/academy.sqlite", () => {
    expect(parseDatabaseUrl(undefined, "/srv/app")).toEqual({
      dialect: "sqlite",
      storage: path.resolve("/srv/app/data/academy.sqlite"),
    });
    expect(parseDatabaseUrl("  ", "/srv/app").dialect).toBe("sqlite");
  });

  it("reads a MySQL/MariaDB URL, decoding credentials", () => {
    expect(parseDatabaseUrl("mysql://acad%40my:p%40ss@db.local:3307/academy")).toEqual({
      dialect: "mysql",
      host: "db.local",
      port: 3307,
      username: "acad@my",
      password: "p@ss",
      database: "academy",
    });
    expect(parseDatabaseUrl("mariadb://root@127.0.0.1/academy")).toMatchObject({ port: 3306, password: "" });
  });

  it.each([
    ["postgres://u@h/db", /scheme "postgres:" is not supported/],
    ["mysql://root@127.0.0.1:3306/", /names no database/],
    ["not a url", /not a valid URL/],
    ["sqlite:", /needs a file path/],
  ])("refuses %s with a clear message", (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });

  it("never prints the password", () => {
    expect(describeDatabase(parseDatabaseUrl("mysql://root:secret@h:3306/db"))).not.toContain("secret");
  });
});
