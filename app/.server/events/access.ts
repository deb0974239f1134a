import { notFound, requireUser } from "../auth/guards";
import { getSequelize } from "../db/connection";
import { TrainingEvent } from "../db/models";
import { canOrganise, canSeeEvent } from "./events";

/** An event the signed-in user may see (audience member or organiser over it); 404 otherwise. */
export async function requireVisibleEvent(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  getSequelize();
  const event = Number.isSafeInteger(Number(id)) ? await TrainingEvent.findByPk(Number(id)) : null;
  if (!event || !(await canSeeEvent(user, event))) throw notFound();
  return { user, event, organiser: await canOrganise(user, event) };
}
