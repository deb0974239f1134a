import { todayInChina } from "~/lib/dates";
import { currentCertificateOf } from "../certificates/certificates";
import { levelHistory } from "./history";
import { payBandAt } from "./pay";

/**
 * A mediator's grade standing as the roster entry and 我的档案 show it: the level held now (the
 * open history row), until when its certificate is valid, the allowance band of the province's
 * pay table for it, and the dated history of levels (newest first).
 */
export async function levelStanding(mediator: { id: number; orgPath: string }, today = todayInChina()) {
  const [history, certificate] = await Promise.all([levelHistory(mediator.id, mediator.orgPath), currentCertificateOf(mediator.id, today)]);
  const open = history.find((h) => h.until === null) ?? null;
  return {
    current: open ? { level: open.level, name: open.name, from: open.from } : null,
    validUntil: certificate && open && certificate.level === open.level ? certificate.validUntil : null,
    band: await payBandAt(mediator.orgPath, open?.level ?? null),
    history,
  };
}
export type LevelStandingView = Awaited<ReturnType<typeof levelStanding>>;
