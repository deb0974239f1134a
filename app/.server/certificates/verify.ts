import { checkCode, maskName, statusOn, type VerifyOutcome } from "~/lib/certificate";
import { dayOf, todayInChina } from "~/lib/dates";
import { Certificate } from "../db/models";
import { lookupsBlocked, recordFailedLookup } from "./lookup-limit";

const PUBLIC_ATTRIBUTES = ["id", "code", "mediatorId", "holderName", "levelName", "issuerName", "issuedOn", "validUntil", "status", "statusOn", "revocationCategory", "supersededById"] as const;

/**
 * The public lookup behind /verify/<code>: the masked holder, the level, who issued it, its dates
 * and status, and the dated history of that mediator's levels, nothing else (no committee, no
 * reason text, no contact). A code that cannot exist is "mistyped"; a well-formed code that no
 * certificate has is "not found". Both count against the address (./lookup-limit.ts). Two indexed
 * reads for a found code: the certificate by code, then the holder's certificates.
 */
export async function verifyCertificate(input: string, ip: string, now = new Date()): Promise<VerifyOutcome> {
  if (await lookupsBlocked(ip, now)) return { kind: "limited" };
  const checked = checkCode(input);
  if (!checked.ok) {
    await recordFailedLookup(ip, now);
    return { kind: "mistyped", problem: checked.problem };
  }
  const certificate = await Certificate.findOne({ where: { code: checked.code }, attributes: [...PUBLIC_ATTRIBUTES] });
  if (!certificate) {
    await recordFailedLookup(ip, now);
    return { kind: "notFound" };
  }
  const today = todayInChina(now);
  const all = await Certificate.findAll({
    where: { mediatorId: certificate.mediatorId },
    attributes: [...PUBLIC_ATTRIBUTES],
    order: [["issuedOn", "DESC"], ["id", "DESC"]],
  });
  const codeOf = new Map(all.map((c) => [c.id, c.code]));
  const status = (c: Certificate) => statusOn(c.status, dayOf(c.validUntil)!, today);
  return {
    kind: "found",
    view: {
      code: certificate.code,
      maskedName: maskName(certificate.holderName),
      levelName: certificate.levelName,
      issuerName: certificate.issuerName,
      issuedOn: dayOf(certificate.issuedOn)!,
      validUntil: dayOf(certificate.validUntil)!,
      status: status(certificate),
      statusOn: dayOf(certificate.statusOn),
      revocationCategory: certificate.status === "revoked" ? certificate.revocationCategory : null,
      newerCode: certificate.supersededById ? (codeOf.get(certificate.supersededById) ?? null) : null,
      history: all.map((c) => ({
        levelName: c.levelName,
        issuerName: c.issuerName,
        issuedOn: dayOf(c.issuedOn)!,
        validUntil: dayOf(c.validUntil)!,
        status: status(c),
        statusOn: dayOf(c.statusOn),
      })),
    },
  };
}
