import type { NavItemId } from "~/lib/nav";
import { can, mayTry, type Principal } from "../access";

/**
 * Which menu items a person may open, from the permission table. Pages about one's own training
 * (测验考试, 我的培训, 我的档案) need a roster entry as well: an admin or trainer without one has
 * nothing there. Pages open to an audience (events, exercises) are shown to staff by role and to
 * anyone on the roster, who is in some audience.
 */
export function navFor(user: Principal, hasRoster: boolean, isExpert = false): Record<NavItemId, boolean> {
  return {
    courses: can(user, "course:study"),
    quizzes: (can(user, "quiz:take") && hasRoster) || can(user, "quiz-report:read"),
    exercises: can(user, "exercise:read") || (hasRoster && mayTry(user, "exercise:read")),
    events: can(user, "event:read") || (hasRoster && mayTry(user, "event:read")),
    exams: can(user, "exam:manage"),
    training: can(user, "log:write") && hasRoster,
    me: can(user, "account:self") && hasRoster,
    grading: can(user, "exercise:grade"),
    // A trainer verifies the logs that name them: allowed to try, the queue narrows to theirs.
    verify: mayTry(user, "log:verify"),
    rubrics: can(user, "rubric:read"),
    compliance: can(user, "compliance:read"),
    roster: can(user, "roster:read"),
    cases: can(user, "case:read"),
    caseStats: can(user, "case-stats:read"),
    reviews: can(user, "review:manage"),
    levels: can(user, "levels:read"),
    // A reviewer scores the files assigned to them: allowed to try, the list narrows to theirs.
    reviewTasks: mayTry(user, "review:score"),
    // A grade-evaluation panel member scores the applications of the rounds they sit on.
    roundScoring: mayTry(user, "application:score"),
    assignments: can(user, "course:assign"),
    policy: can(user, "compliance:policy"),
    users: can(user, "account:manage"),
    audit: can(user, "audit:read"),
    // Grade evaluation rounds: admins run them (or review in them); a mediator on the roster applies.
    rounds: can(user, "round:manage"),
    myApplications: hasRoster,
    // Expert consultations: a mediator on the roster asks; an expert's own account answers.
    consultations: (hasRoster && can(user, "consultation:ask")) || isExpert,
    experts: can(user, "expert:manage"),
    // Mediation rooms: a mediator on the roster applies and follows theirs; admins follow and name them.
    rooms: hasRoster || can(user, "room:review"),
  };
}
