import { judgeAudit, type Accepted, type AuditReport } from "../../scripts/lib/audit";

const report: AuditReport = {
  vulnerabilities: {
    "form-data": {
      name: "form-data",
      severity: "critical",
      via: [
        {
          source: 1,
          name: "form-data",
          title: "Unsafe random boundary",
          url: "https://github.com/advisories/GHSA-fjxv-7rqg-78g4",
          severity: "critical",
        },
      ],
    },
    exceljs: { name: "exceljs", severity: "critical", via: ["form-data"] },
    brace: {
      name: "brace",
      severity: "moderate",
      via: [{ source: 2, name: "brace", title: "ReDoS", url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc", severity: "moderate" }],
    },
  },
};
const accept = (over: Partial<Accepted> = {}): Accepted => ({
  id: "GHSA-fjxv-7rqg-78g4",
  package: "form-data",
  reason: "only the browser-side upload path uses it; we never send multipart requests",
  reviewedBy: "lead",
  until: "2027-01-31",
  ...over,
});

describe("the production dependency audit", () => {
  it("blocks a high or critical advisory that nobody accepted; moderate ones do not block", () => {
    const verdict = judgeAudit(report, [], "2026-12-01");
    expect(verdict).toMatchObject({
      kind: "judged",
      blocking: [{ id: "GHSA-FJXV-7RQG-78G4", package: "form-data", severity: "critical" }],
    });
    if (verdict.kind === "judged") expect(verdict.blocking).toHaveLength(1);
  });

  it("lets a reviewed, accepted advisory pass until its date", () => {
    expect(judgeAudit(report, [accept()], "2026-12-01")).toMatchObject({
      kind: "judged",
      blocking: [],
      accepted: [{ package: "form-data" }],
    });
    const late = judgeAudit(report, [accept()], "2027-02-01");
    expect(late).toMatchObject({ kind: "judged", blocking: [{ package: "form-data" }], expired: [{ package: "form-data" }] });
  });

  it("an acceptance names one package's advisory, and unused ones are reported", () => {
    expect(judgeAudit(report, [accept({ package: "other" })], "2026-12-01")).toMatchObject({
      blocking: [{ package: "form-data" }],
      unused: [{ package: "other" }],
    });
  });

  it("a report that could not be fetched is 'unavailable', never a pass", () => {
    expect(judgeAudit({ message: "405 Method Not Allowed" }, [])).toEqual({ kind: "unavailable", reason: "405 Method Not Allowed" });
    expect(judgeAudit({ vulnerabilities: {} }, [])).toMatchObject({ kind: "judged", blocking: [] });
  });
});
