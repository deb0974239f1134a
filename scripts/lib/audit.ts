/**
 * Judges `npm audit --omit=dev --json`: every high or critical advisory must be accepted in
 * .ci/audit-accepted.json (by its GHSA id, with who reviewed it, why, and until when), or the
 * check fails. Accepted entries past their `until` date count as not accepted, so a review is
 * looked at again.
 */
export type Accepted = { id: string; package: string; reason: string; reviewedBy: string; until: string };

type Via = string | { source?: number; name?: string; title?: string; url?: string; severity?: string; range?: string };
export type AuditReport = {
  vulnerabilities?: Record<string, { name: string; severity: string; via: Via[] }>;
  error?: { code?: string; summary?: string };
  /** npm's own answer when the audit request itself failed (e.g. "405 Method Not Allowed - POST …"). */
  message?: string;
};

export type Advisory = { id: string; package: string; title: string; severity: string; url: string };
export type AuditVerdict =
  | { kind: "unavailable"; reason: string }
  | { kind: "judged"; blocking: Advisory[]; accepted: Advisory[]; expired: Accepted[]; unused: Accepted[] };

const SERIOUS = new Set(["high", "critical"]);

/** "https://github.com/advisories/GHSA-xxxx-xxxx-xxxx" → "GHSA-xxxx-xxxx-xxxx"; else the source number. */
function advisoryId(via: Exclude<Via, string>): string {
  const ghsa = via.url?.match(/GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i)?.[0];
  return ghsa ? ghsa.toUpperCase() : String(via.source ?? via.url ?? via.title);
}

export function judgeAudit(report: AuditReport, accepted: Accepted[], today = new Date().toISOString().slice(0, 10)): AuditVerdict {
  if (!report.vulnerabilities)
    return { kind: "unavailable", reason: report.error?.summary || report.message || "npm audit gave no report" };
  const advisories = new Map<string, Advisory>();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === "string" || !SERIOUS.has(via.severity ?? "")) continue;
      const id = advisoryId(via);
      advisories.set(`${id} ${via.name ?? vulnerability.name}`, {
        id,
        package: via.name ?? vulnerability.name,
        title: via.title ?? "",
        severity: via.severity!,
        url: via.url ?? "",
      });
    }
  }
  const current = accepted.filter((a) => a.until >= today);
  const expired = accepted.filter((a) => a.until < today);
  const isAccepted = (a: Advisory) => current.some((c) => c.id.toUpperCase() === a.id && c.package === a.package);
  const all = [...advisories.values()];
  return {
    kind: "judged",
    blocking: all.filter((a) => !isAccepted(a)),
    accepted: all.filter(isAccepted),
    expired,
    unused: current.filter((c) => !all.some((a) => a.id === c.id.toUpperCase() && a.package === c.package)),
  };
}
