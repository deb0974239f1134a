import { notFound, requireUser } from "../auth/guards";
import { getSequelize } from "../db/connection";
import { TrainingLog, TrainingLogFile } from "../db/models";
import { canView } from "./logs";

/** A log the signed-in user may see (author, its supervisor, an admin over it); 404 otherwise. */
export async function requireVisibleLog(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  getSequelize();
  const log = Number.isSafeInteger(Number(id)) ? await TrainingLog.findByPk(Number(id), { include: [{ model: TrainingLogFile, as: "files" }] }) : null;
  if (!log || !canView(user, log)) throw notFound();
  return { user, log };
}
