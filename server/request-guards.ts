import type { NextFunction, Request, Response } from "express";

/**
 * Refuses state-changing requests that come from another site: a POST (PUT, PATCH, DELETE) whose
 * Origin is not this server's own (scheme, host and port all compared: "https://host" posting to
 * an "http://host" server is refused), or that the browser marks as cross-site. The scheme is
 * the one the request came in on (behind a proxy, X-Forwarded-Proto when TRUST_PROXY=true). Requests without an
 * Origin header (curl, old browsers) are let through; the SameSite=Lax session cookie still
 * keeps cross-site form posts signed out.
 */
export function refuseForeignOrigin(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  let foreign = fetchSite === "cross-site";
  if (origin && origin !== "null") {
    try {
      foreign ||= new URL(origin).origin !== new URL(`${req.protocol}://${req.get("host")}`).origin;
    } catch {
      foreign = true;
    }
  } else if (origin === "null") {
    foreign = true;
  }
  if (foreign) {
    res.status(403).type("text/plain; charset=utf-8").send("Cross-site request refused / 拒绝跨站请求");
    return;
  }
  next();
}

/** Hands the client address to the app in a header only the server can set. */
export function passClientIp(req: Request, _res: Response, next: NextFunction) {
  delete req.headers["x-academy-client-ip"];
  req.headers["x-academy-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
}
