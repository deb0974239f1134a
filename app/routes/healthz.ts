import { checkDatabase } from "~/.server/health";

/** Liveness and readiness for load balancers and CI: public, no data beyond "ok". */
export async function loader() {
  const db = await checkDatabase();
  return Response.json(db ? { status: "ok", db: "ok" } : { status: "error", db: "error" }, {
    status: db ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
