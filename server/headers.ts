import type { NextFunction, Request, Response } from "express";

const SESSION_COOKIE = /(?:^|;\s*)academy_session=/;

/**
 * Anything answered to a signed-in browser (one that sends the session cookie) or that sets the
 * session cookie is personal: "Cache-Control: private, no-store", so neither a shared proxy nor
 * the browser's back-forward cache keeps it. A response that chose its own Cache-Control (static
 * files, /healthz, downloads) keeps it; public pages for signed-out visitors stay cacheable.
 */
export function noStoreWhenSignedIn(req: Request, res: Response, next: NextFunction) {
  const signedIn = SESSION_COOKIE.test(req.headers.cookie ?? "");
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    if (!res.getHeader("cache-control")) {
      const setCookie = res.getHeader("set-cookie");
      const setsSession = [setCookie ?? []].flat().some((c) => String(c).startsWith("academy_session="));
      if (signedIn || setsSession) res.setHeader("Cache-Control", "private, no-store");
    }
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response["writeHead"];
  next();
}

/**
 * The browser features this site never uses are switched off for it and for anything it embeds:
 * no camera, microphone, location, payment or USB access can be asked for from its pages.
 */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

export function permissionsPolicy(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
  next();
}
