import type { AddressInfo } from "node:net";
import express from "express";
import { PERMISSIONS_POLICY, noStoreWhenSignedIn, permissionsPolicy } from "../../server/headers";

/** A small Express app with the header middlewares, on a loopback port. */
async function serve() {
  const app = express();
  app.use(permissionsPolicy);
  app.use(noStoreWhenSignedIn);
  app.get("/static.css", (_req, res) => res.set("Cache-Control", "public, max-age=3600").send("body{}"));
  app.get("/page", (_req, res) => res.send("<p>hi</p>"));
  app.post("/login", (_req, res) => res.append("Set-Cookie", "academy_session=abc; Path=/; HttpOnly").redirect("/"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("response headers", () => {
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (app = await serve()));
  afterAll(() => app.close());

  it("a signed-in page is private, no-store", async () => {
    const res = await fetch(`${app.base}/page`, { headers: { Cookie: "lng=zh-CN; academy_session=token" } });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("the answer that sets the session cookie is private, no-store", async () => {
    const res = await fetch(`${app.base}/login`, { method: "POST", redirect: "manual" });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("a public page for a signed-out visitor stays cacheable, and static files keep their own policy", async () => {
    expect((await fetch(`${app.base}/page`, { headers: { Cookie: "lng=en" } })).headers.get("cache-control")).toBeNull();
    const css = await fetch(`${app.base}/static.css`, { headers: { Cookie: "academy_session=token" } });
    expect(css.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("every answer carries a Permissions-Policy that switches off camera, microphone and location", async () => {
    const policy = (await fetch(`${app.base}/page`)).headers.get("permissions-policy");
    expect(policy).toBe(PERMISSIONS_POLICY);
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) expect(policy).toContain(feature);
  });
});
