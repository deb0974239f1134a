import type { NextFunction, Request, Response } from "express";
import { passClientIp, refuseForeignOrigin } from "../../server/request-guards";

function run(method: string, headers: Record<string, string>, protocol = "http") {
  const req = {
    method,
    protocol,
    headers: { host: "academy.example:3000", ...headers },
    get: (h: string) => ({ host: "academy.example:3000", ...headers })[h.toLowerCase()],
  } as unknown as Request;
  let status = 0;
  const res = { status: (s: number) => ((status = s), res), type: () => res, send: () => res } as unknown as Response;
  let passed = false;
  refuseForeignOrigin(req, res, (() => (passed = true)) as NextFunction);
  return passed ? "next" : status;
}

describe("refuseForeignOrigin", () => {
  it("lets same-origin posts and all GETs through", () => {
    expect(run("POST", { origin: "http://academy.example:3000" })).toBe("next");
    expect(run("POST", {})).toBe("next");
    expect(run("GET", { origin: "https://evil.example" })).toBe("next");
  });

  it("refuses posts from another origin or marked cross-site", () => {
    expect(run("POST", { origin: "https://evil.example" })).toBe(403);
    expect(run("POST", { origin: "http://academy.example:3001" })).toBe(403);
    expect(run("POST", { origin: "null" })).toBe(403);
    expect(run("DELETE", { "sec-fetch-site": "cross-site" })).toBe(403);
  });

  it("compares scheme, host and port, not the host alone", () => {
    expect(run("POST", { origin: "https://academy.example:3000" })).toBe(403);
    expect(run("POST", { origin: "https://academy.example:3000" }, "https")).toBe("next");
    expect(run("POST", { origin: "http://academy.example:3000" }, "https")).toBe(403);
    expect(run("POST", { origin: "http://academy.example" })).toBe(403);
    expect(run("POST", { origin: "http://ACADEMY.example:3000" })).toBe("next");
    expect(run("POST", { origin: "not a url" })).toBe(403);
  });

  it("treats a default port the same written or not", () => {
    const at = (host: string, origin: string, protocol = "http") => {
      const headers = { host, origin };
      const req = {
        method: "POST",
        protocol,
        headers,
        get: (h: string) => (headers as Record<string, string>)[h.toLowerCase()],
      } as unknown as Request;
      let passed = false;
      const res = { status: () => res, type: () => res, send: () => res } as unknown as Response;
      refuseForeignOrigin(req, res, (() => (passed = true)) as NextFunction);
      return passed;
    };
    expect(at("academy.example", "http://academy.example")).toBe(true);
    expect(at("academy.example:80", "http://academy.example")).toBe(true);
    expect(at("academy.example:443", "https://academy.example", "https")).toBe(true);
    expect(at("academy.example", "https://academy.example")).toBe(false);
  });
});

describe("passClientIp", () => {
  it("replaces any client-supplied address header with the one the server saw", () => {
    const req = { headers: { "x-academy-client-ip": "1.2.3.4" }, ip: "10.0.0.9", socket: {} } as unknown as Request;
    passClientIp(req, {} as Response, (() => undefined) as NextFunction);
    expect(req.headers["x-academy-client-ip"]).toBe("10.0.0.9");
  });
});
