import { Mediator } from "../db/models";
import { memoised } from "../request-memo";

/**
 * The roster entry tied to an account (any status), or null. A page's sections — the menu, the
 * workspace, assigned courses, exams, grade evaluation — each need it: within one GET request it
 * is read once (../request-memo.ts). Callers read it, never change it.
 */
export const rosterEntryOfAccount = (userId: number): Promise<Mediator | null> =>
  memoised(`roster-entry-of-account:${userId}`, () => Mediator.findOne({ where: { userId } }));
