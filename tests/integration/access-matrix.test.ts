import fs from "node:fs";
import { ACCESS } from "~/.server/access";
import path from "node:path";
import * as accountPassword from "~/routes/account.password";
import * as adminAudit from "~/routes/admin.audit";
import * as adminUserDetail from "~/routes/admin.users.$id";
import * as adminUsers from "~/routes/admin.users._index";
import * as adminUserNew from "~/routes/admin.users.new";
import * as healthz from "~/routes/healthz";
import * as home from "~/routes/_index";
import * as language from "~/routes/language";
import * as loginRoute from "~/routes/login";
import * as logout from "~/routes/logout";
import * as me from "~/routes/me";
import * as rosterDetail from "~/routes/roster.$id._index";
import * as rosterEdit from "~/routes/roster.$id.edit";
import * as rosterList from "~/routes/roster._index";
import * as rosterNew from "~/routes/roster.new";
import * as courses from "~/routes/courses._index";
import * as courseOverview from "~/routes/courses.$slug._index";
import * as lesson from "~/routes/courses.$slug.$lesson";
import * as assignments from "~/routes/courses.assignments";
import * as assignmentDetail from "~/routes/courses.assignments.$id";
import * as myTraining from "~/routes/training._index";
import * as newLog from "~/routes/training.logs.new";
import * as logDetail from "~/routes/training.logs.$id";
import * as logFile from "~/routes/training.logs.$id.files.$fileId";
import * as verifyQueue from "~/routes/training.verify";
import * as events from "~/routes/events._index";
import * as eventNew from "~/routes/events.new";
import * as eventDetail from "~/routes/events.$id._index";
import * as eventCheckin from "~/routes/events.$id.checkin";
import * as eventAttend from "~/routes/events.$id.attend";
import * as eventIcs from "~/routes/events.$id.calendar[.]ics";
import * as eventEdit from "~/routes/events.$id.edit";
import * as eventMaterials from "~/routes/events.$id.materials";
import * as eventMaterial from "~/routes/events.$id.materials.$fileId";
import * as eventReport from "~/routes/events.report";
import * as eventReportXlsx from "~/routes/events.report[.]xlsx";
import * as quizList from "~/routes/quizzes._index";
import * as quizOverview from "~/routes/quizzes.$id._index";
import * as quizTake from "~/routes/quizzes.attempts.$id._index";
import * as quizResult from "~/routes/quizzes.attempts.$id.result";
import * as quizReportPage from "~/routes/quizzes.$id.report";
import * as quizReportXlsx from "~/routes/quizzes.$id.report[.]xlsx";
import * as gradingQueue from "~/routes/grading._index";
import * as compliancePolicy from "~/routes/compliance.policy";
import * as complianceDashboard from "~/routes/compliance._index";
import * as complianceMediators from "~/routes/compliance.mediators";
import * as complianceReport from "~/routes/compliance.report[.]xlsx";
import * as notificationRead from "~/routes/notifications.$id";
import * as notificationList from "~/routes/notifications._index";
import * as gradingSubmission from "~/routes/grading.submissions.$id";
import * as gradingSubmissionFile from "~/routes/grading.submissions.$id.files.$fileId";
import * as rubricList from "~/routes/rubrics._index";
import * as rubricNew from "~/routes/rubrics.new";
import * as rubricPage from "~/routes/rubrics.$id";
import * as exerciseList from "~/routes/exercises._index";
import * as exerciseNew from "~/routes/exercises.new";
import * as exercisePage from "~/routes/exercises.$id._index";
import * as exerciseReportPage from "~/routes/exercises.$id.report";
import * as exerciseMaterial from "~/routes/exercises.$id.files.$fileId";
import * as exerciseOwnFile from "~/routes/exercises.$id.my-files.$fileId";
import * as exerciseReportXlsx from "~/routes/exercises.$id.report[.]xlsx";
import { createExercise } from "~/.server/exercises/exercises";
import { saveSubmission } from "~/.server/exercises/submissions";
import { addMaterials } from "~/.server/events/materials";
import { listAttachments } from "~/.server/attachments";
import { ATTACHMENT_OWNERS } from "~/.server/web/attachments";
import type { OwnerKind } from "~/.server/db/models/Attachment";
import { Rubric } from "~/.server/db/models";
import * as gradingAnswer from "~/routes/grading.answers.$id";
import { getQuiz } from "~/.server/quizzes/bank";
import { startAttempt } from "~/.server/quizzes/attempts";
import { CourseAssignment, TrainingEvent } from "~/.server/db/models";
import { saveLog } from "~/.server/training/logs";
import { getCurrentUser } from "~/.server/web/session";
import { BASE } from "../support/personas";
import fsSync from "node:fs";
import os from "node:os";
import * as rosterImport from "~/routes/roster.import";
import * as rosterTemplate from "~/routes/roster.template[.]xlsx";
import * as rosterImportErrors from "~/routes/roster.import-errors.$token";
import * as rosterExportXlsx from "~/routes/roster.export[.]xlsx";
import * as rosterExportCsv from "~/routes/roster.export[.]csv";
import * as caseList from "~/routes/cases._index";
import * as caseNew from "~/routes/cases.new";
import * as caseDetail from "~/routes/cases.$id._index";
import * as caseEdit from "~/routes/cases.$id.edit";
import * as caseImport from "~/routes/cases.import";
import * as caseTemplate from "~/routes/cases.template[.]xlsx";
import * as caseImportErrors from "~/routes/cases.import-errors.$token";
import * as caseStats from "~/routes/cases.stats";
import * as caseStatsXlsx from "~/routes/cases.stats[.]xlsx";
import * as reviewList from "~/routes/reviews._index";
import * as reviewNew from "~/routes/reviews.new";
import * as reviewPage from "~/routes/reviews.$id._index";
import * as reviewReport from "~/routes/reviews.$id.report[.]xlsx";
import * as reviewAssigned from "~/routes/reviews.assigned";
import * as reviewScore from "~/routes/reviews.items.$id.score";
import * as reviewUpload from "~/routes/reviews.items.$id.upload";
import * as reviewScan from "~/routes/reviews.scans.$caseId.$fileId";
import { Attachment, CaseReview, CaseReviewItem } from "~/.server/db/models";
import * as levelScheme from "~/routes/levels.scheme";
import * as levelPay from "~/routes/levels.pay";
import * as rosterCriteria from "~/routes/roster.$id.criteria";
import * as rosterSanctions from "~/routes/roster.$id.sanctions";
import { createCaseFile } from "~/.server/cases/register";
import * as verifyCode from "~/routes/verify.$code";
import * as verifyForm from "~/routes/verify._index";
import * as certificatePage from "~/routes/certificates.$id._index";
import * as certificatePdf from "~/routes/certificates.$id[.]pdf";
import * as roundReport from "~/routes/rounds.$id.report";
import * as roundResultsXlsx from "~/routes/rounds.$id.results[.]xlsx";
import { EvaluationRound } from "~/.server/db/models";
import { Certificate } from "~/.server/db/models";
import { Op } from "sequelize";
import { randomCode } from "~/.server/certificates/code";
import { issueCertificate } from "~/.server/certificates/certificates";
import { verifyPath } from "~/lib/certificate";
import * as examList from "~/routes/exams._index";
import * as examNew from "~/routes/exams.new";
import * as examEdit from "~/routes/exams.$id";
import { ScheduledExam } from "~/.server/db/models";
import { examQuizId } from "~/lib/exam";
import * as roundList from "~/routes/rounds._index";
import * as roundNew from "~/routes/rounds.new";
import * as roundPage from "~/routes/rounds.$id._index";
import * as roundApply from "~/routes/rounds.$id.apply";
import * as roundPrereview from "~/routes/rounds.$id.prereview";
import * as applicationList from "~/routes/applications._index";
import * as applicationPage from "~/routes/applications.$id._index";
import * as applicationFile from "~/routes/applications.$id.files.$fileId";
import { createRound } from "~/.server/rounds/rounds";
import { saveApplication, startApplication } from "~/.server/rounds/applications";
import { RoundApplication, RoundReviewer } from "~/.server/db/models";
import { addDays, todayInChina } from "~/lib/dates";
import * as roundAdmin from "~/routes/rounds.$id.admin";
import * as roundPanel from "~/routes/rounds.$id.panel";
import * as roundScoring from "~/routes/rounds.$id.score";
import * as roundScoringAll from "~/routes/rounds.score";
import * as applicationScore from "~/routes/applications.$id.score";
import * as roundDecisions from "~/routes/rounds.$id.decisions";
import * as roundObjections from "~/routes/rounds.$id.objections";
import * as roundFinalise from "~/routes/rounds.$id.finalise";
import * as announcement from "~/routes/announcements.$roundId";
import * as expertsPublic from "~/routes/experts._index";
import * as expertsAdmin from "~/routes/experts.admin._index";
import * as expertsAdminNew from "~/routes/experts.admin.new";
import * as expertsAdminDetail from "~/routes/experts.admin.$id";
import * as expertsAdminConsultations from "~/routes/experts.admin.consultations";
import * as consultationList from "~/routes/consultations._index";
import * as consultationNew from "~/routes/consultations.new";
import * as consultationThread from "~/routes/consultations.$id";
import * as roomDirectory from "~/routes/rooms._index";
import * as roomPublic from "~/routes/rooms.$slug._index";
import * as roomPlaque from "~/routes/rooms.$slug.plaque";
import * as roomImage from "~/routes/rooms.$slug.images.$name";
import * as roomApply from "~/routes/rooms.apply";
import * as roomManageList from "~/routes/rooms.manage._index";
import * as roomManage from "~/routes/rooms.manage.$id._index";
import * as roomManageImage from "~/routes/rooms.manage.$id.images.$name";
import * as roomAdmin from "~/routes/rooms.admin";
import { Consultation, Expert, MediationRoom } from "~/.server/db/models";

/** A well-formed code no certificate has (a repeat of a demo code is all but impossible). */
const UNKNOWN_CODE = randomCode();
import { caseFileSchema } from "~/lib/case-file";
import { createAccount } from "~/.server/accounts";
import { Mediator, User } from "~/.server/db/models";
import { getOrgScope } from "~/.server/org";
import { createMigratedDatabase, type TestDatabase } from "../support/db";
import { PERSONAS, callRoute, seedWithPersonas, type Outcome, type Persona } from "../support/personas";

/**
 * The access-control matrix: every route × persona, with the expected outcome. "login" is a
 * redirect to /login; 404 for records of another subtree (never their data). Each route added by a
 * later issue joins ROUTES — a test below fails when a route file is missing from it.
 */
type Expect = Record<Persona, Outcome["status"] | "redirect">;
type Case = {
  name: string;
  file: string;
  call: (ids: Ids) => { fn: any; url: string; params?: Record<string, string>; form?: Record<string, string> };
  expect: Expect;
};
type Ids = Awaited<ReturnType<typeof seedWithPersonas>> & {
  target: { id: number };
  log: { id: number; fileId: number };
  attempt: { id: number };
  rubric: { id: number };
  exercise: { id: number; fileId: number };
  event: { id: number; fileId: number };
  assignment: { id: number };
  submission: { id: number; fileId: number };
  cases: { township: number; county2: number };
  review: { id: number; mine: number; outside: number; scan: { caseId: number; fileId: number } };
  certs: { own: { id: number; code: string }; county2: { id: number } };
  rounds: { county1: number; county2: number };
  exam: { id: number; quizId: string };
  round: { id: number; application: number; fileId: number };
  panel: { reviewing: number; announced: number; application: number };
  experts: { city: number; county: number; thread: number };
  rooms: { named: string; withdrawn: string; consented: number; submitted: number };
};

const all = (status: Expect[Persona]): Expect => Object.fromEntries(Object.keys(PERSONAS).map((p) => [p, status])) as Expect;
const signedIn = (status: Expect[Persona]): Expect => ({ ...all(status), anonymous: "login" });
const admins = (over: Partial<Expect> = {}): Expect => ({
  anonymous: "login",
  mediator: 403,
  trainer: 403,
  reviewer: 403,
  township: 200,
  county: 200,
  otherCounty: 200,
  sysadmin: 200,
  ...over,
});

const ROUTES: Case[] = [
  { name: "GET /", file: "_index.tsx", call: () => ({ fn: home.loader, url: "/" }), expect: all(200) },
  { name: "GET /healthz", file: "healthz.ts", call: () => ({ fn: healthz.loader, url: "/healthz" }), expect: all(200) },
  {
    name: "POST /language",
    file: "language.ts",
    call: () => ({ fn: language.action, url: "/language", form: { lng: "en", redirectTo: "/" } }),
    expect: all("redirect"),
  },
  {
    name: "GET /login",
    file: "login.tsx",
    call: () => ({ fn: loginRoute.loader, url: "/login" }),
    expect: { ...all("redirect"), anonymous: 200 },
  },
  { name: "GET /logout", file: "logout.ts", call: () => ({ fn: logout.loader, url: "/logout" }), expect: all("redirect") },
  { name: "GET /me", file: "me.tsx", call: () => ({ fn: me.loader, url: "/me" }), expect: signedIn(200) },
  {
    name: "GET /account/password",
    file: "account.password.tsx",
    call: () => ({ fn: accountPassword.loader, url: "/account/password" }),
    expect: signedIn(200),
  },
  { name: "GET /roster", file: "roster._index.tsx", call: () => ({ fn: rosterList.loader, url: "/roster" }), expect: admins() },
  {
    name: "GET /roster?org=<county 2>",
    file: "roster._index.tsx",
    call: (ids) => ({ fn: rosterList.loader, url: `/roster?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  { name: "GET /roster/new", file: "roster.new.tsx", call: () => ({ fn: rosterNew.loader, url: "/roster/new" }), expect: admins() },
  {
    name: "GET /roster/:id (township mediator)",
    file: "roster.$id._index.tsx",
    call: (ids) => ({
      fn: rosterDetail.loader,
      url: `/roster/${ids.townshipMediator.id}`,
      params: { id: String(ids.townshipMediator.id) },
    }),
    expect: admins({ otherCounty: 404 }),
  },
  {
    name: "GET /roster/:id (county 1, other township)",
    file: "roster.$id._index.tsx",
    call: (ids) => ({ fn: rosterDetail.loader, url: `/roster/${ids.county1Mediator.id}`, params: { id: String(ids.county1Mediator.id) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "GET /roster/:id (county 2)",
    file: "roster.$id._index.tsx",
    call: (ids) => ({ fn: rosterDetail.loader, url: `/roster/${ids.county2Mediator.id}`, params: { id: String(ids.county2Mediator.id) } }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /roster/:id (no such id)",
    file: "roster.$id._index.tsx",
    call: () => ({ fn: rosterDetail.loader, url: "/roster/99999999", params: { id: "99999999" } }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }),
  },
  {
    name: "POST /roster/:id status change (county 2 mediator)",
    file: "roster.$id._index.tsx",
    call: (ids) => ({
      fn: rosterDetail.action,
      url: `/roster/${ids.county2Mediator.id}`,
      params: { id: String(ids.county2Mediator.id) },
      form: { intent: "status", status: "suspended", date: "2026-01-05", reason: "矩阵测试" },
    }),
    // Personas run in order: county 2's admin suspends; the sysadmin then gets "unchanged" (400), not 403/404.
    expect: admins({ township: 404, county: 404, otherCounty: "redirect", sysadmin: 400 }),
  },
  {
    name: "GET /roster/:id/edit (county 2)",
    file: "roster.$id.edit.tsx",
    call: (ids) => ({
      fn: rosterEdit.loader,
      url: `/roster/${ids.county2Mediator.id}/edit`,
      params: { id: String(ids.county2Mediator.id) },
    }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /roster/import",
    file: "roster.import.tsx",
    call: () => ({ fn: rosterImport.loader, url: "/roster/import" }),
    expect: admins(),
  },
  {
    name: "GET /roster/template.xlsx",
    file: "roster.template[.]xlsx.ts",
    call: () => ({ fn: rosterTemplate.loader, url: "/roster/template.xlsx" }),
    expect: admins(),
  },
  {
    name: "GET /roster/import-errors/:token (none kept)",
    file: "roster.import-errors.$token.ts",
    call: () => ({
      fn: rosterImportErrors.loader,
      url: "/roster/import-errors/00000000000000000000000000000000",
      params: { token: "00000000000000000000000000000000" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }),
  },
  {
    name: "GET /roster/export.xlsx",
    file: "roster.export[.]xlsx.ts",
    call: () => ({ fn: rosterExportXlsx.loader, url: "/roster/export.xlsx?status=active" }),
    expect: admins(),
  },
  {
    name: "GET /roster/export.csv?org=<county 2>",
    file: "roster.export[.]csv.ts",
    call: (ids) => ({ fn: rosterExportCsv.loader, url: `/roster/export.csv?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  { name: "GET /courses", file: "courses._index.tsx", call: () => ({ fn: courses.loader, url: "/courses" }), expect: all(200) },
  {
    name: "GET /courses/:slug",
    file: "courses.$slug._index.tsx",
    call: () => ({ fn: courseOverview.loader, url: "/courses/traffic", params: { slug: "traffic" } }),
    expect: all(200),
  },
  {
    name: "POST /courses/:slug (enrol)",
    file: "courses.$slug._index.tsx",
    call: () => ({ fn: courseOverview.action, url: "/courses/traffic", params: { slug: "traffic" }, form: {} }),
    expect: { ...all("redirect"), anonymous: "login" },
  },
  {
    name: "GET /courses/:slug/:lesson",
    file: "courses.$slug.$lesson.tsx",
    call: () => ({
      fn: lesson.loader,
      url: "/courses/traffic/liability-and-principles",
      params: { slug: "traffic", lesson: "liability-and-principles" },
    }),
    expect: signedIn(200),
  },
  {
    name: "POST /courses/:slug/:lesson (mark read)",
    file: "courses.$slug.$lesson.tsx",
    call: () => ({
      fn: lesson.action,
      url: "/courses/traffic/liability-and-principles",
      params: { slug: "traffic", lesson: "liability-and-principles" },
      form: { intent: "read" },
    }),
    expect: { ...all("redirect"), anonymous: "login" },
  },
  {
    name: "GET /courses/assignments",
    file: "courses.assignments.tsx",
    call: () => ({ fn: assignments.loader, url: "/courses/assignments" }),
    expect: admins(),
  },
  {
    name: "POST /courses/assignments to county 2",
    file: "courses.assignments.tsx",
    call: (ids) => ({
      fn: assignments.action,
      url: "/courses/assignments",
      form: { courseSlug: "traffic", orgUnitId: String(ids.county2.id), year: "2026", dueOn: "2026-11-30" },
    }),
    expect: admins({ township: 400, county: 400, otherCounty: "redirect", sysadmin: 400 }),
  },
  {
    name: "GET /courses/assignments/:id (county 1's)",
    file: "courses.assignments.$id.tsx",
    call: (ids) => ({
      fn: assignmentDetail.loader,
      url: `/courses/assignments/${ids.assignment.id}`,
      params: { id: String(ids.assignment.id) },
    }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "POST /courses/assignments/:id remind (county 1's)",
    file: "courses.assignments.$id.tsx",
    call: (ids) => ({
      fn: assignmentDetail.action,
      url: `/courses/assignments/${ids.assignment.id}`,
      params: { id: String(ids.assignment.id) },
      form: { intent: "remind" },
    }),
    expect: admins({ township: 404, otherCounty: 404, county: "redirect", sysadmin: "redirect" }),
  },
  // Without a roster entry, whoever verifies logs is taken to the verification queue instead.
  {
    name: "GET /training",
    file: "training._index.tsx",
    call: () => ({ fn: myTraining.loader, url: "/training" }),
    expect: { ...signedIn(302), mediator: 200, reviewer: 200 },
  },
  {
    name: "GET /training/logs/new",
    file: "training.logs.new.tsx",
    call: () => ({ fn: newLog.loader, url: "/training/logs/new" }),
    expect: signedIn(200),
  },
  {
    name: "GET /training/logs/:id (demo_mediator's, supervised by demo_trainer)",
    file: "training.logs.$id.tsx",
    call: (ids) => ({ fn: logDetail.loader, url: `/training/logs/${ids.log.id}`, params: { id: String(ids.log.id) } }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /training/logs/:id/files/:fileId",
    file: "training.logs.$id.files.$fileId.ts",
    call: (ids) => ({
      fn: logFile.loader,
      url: `/training/logs/${ids.log.id}/files/${ids.log.fileId}`,
      params: { id: String(ids.log.id), fileId: String(ids.log.fileId) },
    }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /training/verify",
    file: "training.verify.tsx",
    call: () => ({ fn: verifyQueue.loader, url: "/training/verify" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "POST /training/verify (the log)",
    file: "training.verify.tsx",
    call: (ids) => ({ fn: verifyQueue.action, url: "/training/verify", form: { id: String(ids.log.id) } }),
    expect: { ...admins({ township: "redirect", county: "redirect", otherCounty: "redirect", sysadmin: "redirect" }), trainer: "redirect" },
  },
  { name: "GET /events", file: "events._index.tsx", call: () => ({ fn: events.loader, url: "/events" }), expect: signedIn(200) },
  {
    name: "GET /events/new",
    file: "events.new.tsx",
    call: () => ({ fn: eventNew.loader, url: "/events/new" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /events/:id (county 1)",
    file: "events.$id._index.tsx",
    call: (ids) => ({ fn: eventDetail.loader, url: `/events/${ids.event.id}`, params: { id: String(ids.event.id) } }),
    expect: { ...signedIn(200), otherCounty: 404 },
  },
  {
    name: "POST /events/:id register (county 1)",
    file: "events.$id._index.tsx",
    call: (ids) => ({
      fn: eventDetail.action,
      url: `/events/${ids.event.id}`,
      params: { id: String(ids.event.id) },
      form: { intent: "register" },
    }),
    expect: { ...all("redirect"), anonymous: "login", otherCounty: 404 },
  },
  {
    name: "GET /events/:id/checkin (organisers only)",
    file: "events.$id.checkin.tsx",
    call: (ids) => ({ fn: eventCheckin.loader, url: `/events/${ids.event.id}/checkin`, params: { id: String(ids.event.id) } }),
    expect: { anonymous: "login", mediator: 403, trainer: 200, reviewer: 403, township: 403, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /events/:id/edit (organisers only)",
    file: "events.$id.edit.tsx",
    call: (ids) => ({ fn: eventEdit.loader, url: `/events/${ids.event.id}/edit`, params: { id: String(ids.event.id) } }),
    expect: { anonymous: "login", mediator: 403, trainer: 200, reviewer: 403, township: 403, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /events/:id/materials (redirects to the event)",
    file: "events.$id.materials.tsx",
    call: (ids) => ({ fn: eventMaterials.loader, url: `/events/${ids.event.id}/materials`, params: { id: String(ids.event.id) } }),
    expect: { ...signedIn("redirect"), otherCounty: 404 },
  },
  {
    name: "GET /events/:id/materials/:fileId (no such file)",
    file: "events.$id.materials.$fileId.ts",
    call: (ids) => ({
      fn: eventMaterial.loader,
      url: `/events/${ids.event.id}/materials/999999`,
      params: { id: String(ids.event.id), fileId: "999999" },
    }),
    expect: { ...signedIn(404) },
  },
  {
    name: "GET /events/:id/materials/:fileId (a handout of the county 1 event)",
    file: "events.$id.materials.$fileId.ts",
    call: (ids) => ({
      fn: eventMaterial.loader,
      url: `/events/${ids.event.id}/materials/${ids.event.fileId}`,
      params: { id: String(ids.event.id), fileId: String(ids.event.fileId) },
    }),
    expect: { ...signedIn(200), otherCounty: 404 },
  },
  {
    name: "GET /events/:id/calendar.ics",
    file: "events.$id.calendar[.]ics.ts",
    call: (ids) => ({ fn: eventIcs.loader, url: `/events/${ids.event.id}/calendar.ics`, params: { id: String(ids.event.id) } }),
    expect: { ...signedIn(200), otherCounty: 404 },
  },
  {
    name: "GET /events/:id/attend",
    file: "events.$id.attend.tsx",
    call: (ids) => ({ fn: eventAttend.loader, url: `/events/${ids.event.id}/attend`, params: { id: String(ids.event.id) } }),
    expect: { ...signedIn(200), otherCounty: 404 },
  },
  {
    name: "POST /events/:id/attend with a wrong code",
    file: "events.$id.attend.tsx",
    call: (ids) => ({
      fn: eventAttend.action,
      url: `/events/${ids.event.id}/attend`,
      params: { id: String(ids.event.id) },
      form: { code: "000000" },
    }),
    expect: { ...signedIn(400), otherCounty: 404 },
  },
  {
    name: "GET /events/report",
    file: "events.report.tsx",
    call: () => ({ fn: eventReport.loader, url: "/events/report" }),
    expect: admins(),
  },
  {
    name: "GET /events/report.xlsx",
    file: "events.report[.]xlsx.ts",
    call: () => ({ fn: eventReportXlsx.loader, url: "/events/report.xlsx" }),
    expect: admins(),
  },
  { name: "GET /quizzes", file: "quizzes._index.tsx", call: () => ({ fn: quizList.loader, url: "/quizzes" }), expect: signedIn(200) },
  {
    name: "GET /quizzes/:id",
    file: "quizzes.$id._index.tsx",
    call: () => ({ fn: quizOverview.loader, url: "/quizzes/practice-mixed", params: { id: "practice-mixed" } }),
    expect: signedIn(200),
  },
  {
    name: "GET /quizzes/:id (no such quiz)",
    file: "quizzes.$id._index.tsx",
    call: () => ({ fn: quizOverview.loader, url: "/quizzes/nope", params: { id: "nope" } }),
    expect: signedIn(404),
  },
  {
    name: "POST /quizzes/:id start (mediators only; others get a refusal)",
    file: "quizzes.$id._index.tsx",
    call: () => ({ fn: quizOverview.action, url: "/quizzes/practice-mixed", params: { id: "practice-mixed" }, form: {} }),
    expect: { ...signedIn(409), mediator: "redirect" },
  },
  {
    name: "GET /quizzes/attempts/:id (demo_mediator's)",
    file: "quizzes.attempts.$id._index.tsx",
    call: (ids) => ({ fn: quizTake.loader, url: `/quizzes/attempts/${ids.attempt.id}`, params: { id: String(ids.attempt.id) } }),
    expect: { ...signedIn(404), mediator: 200 },
  },
  {
    name: "POST /quizzes/attempts/:id save (demo_mediator's)",
    file: "quizzes.attempts.$id._index.tsx",
    call: (ids) => ({
      fn: quizTake.action,
      url: `/quizzes/attempts/${ids.attempt.id}`,
      params: { id: String(ids.attempt.id) },
      form: { intent: "save", present: "1" },
    }),
    expect: { ...signedIn(404), mediator: 200 },
  },
  {
    name: "GET /quizzes/attempts/:id/result (demo_mediator's, still running)",
    file: "quizzes.attempts.$id.result.tsx",
    call: (ids) => ({ fn: quizResult.loader, url: `/quizzes/attempts/${ids.attempt.id}/result`, params: { id: String(ids.attempt.id) } }),
    expect: { ...signedIn(404), mediator: "redirect" },
  },
  {
    name: "GET /quizzes/:id/report",
    file: "quizzes.$id.report.tsx",
    call: () => ({ fn: quizReportPage.loader, url: "/quizzes/practice-mixed/report", params: { id: "practice-mixed" } }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /quizzes/:id/report.xlsx",
    file: "quizzes.$id.report[.]xlsx.ts",
    call: () => ({ fn: quizReportXlsx.loader, url: "/quizzes/practice-mixed/report.xlsx", params: { id: "practice-mixed" } }),
    expect: { ...admins(), trainer: 200 },
  },
  // Exams a bureau schedules: staff over the exam's node; its audience and the staff above or below it see its quiz page.
  {
    name: "GET /exams",
    file: "exams._index.tsx",
    call: () => ({ fn: examList.loader, url: "/exams" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /exams/new",
    file: "exams.new.tsx",
    call: () => ({ fn: examNew.loader, url: "/exams/new" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /exams/:id (an exam of 青山县)",
    file: "exams.$id.tsx",
    call: (ids) => ({ fn: examEdit.loader, url: `/exams/${ids.exam.id}`, params: { id: String(ids.exam.id) } }),
    expect: { ...admins({ township: 404, otherCounty: 404 }), trainer: 200 },
  },
  {
    name: "GET /exams/:id (no such exam)",
    file: "exams.$id.tsx",
    call: () => ({ fn: examEdit.loader, url: "/exams/999999", params: { id: "999999" } }),
    expect: { ...admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }), trainer: 404 },
  },
  {
    name: "GET /quizzes/exam-<id> (an exam of 青山县)",
    file: "quizzes.$id._index.tsx",
    call: (ids) => ({ fn: quizOverview.loader, url: `/quizzes/${ids.exam.quizId}`, params: { id: ids.exam.quizId } }),
    expect: { ...signedIn(200), reviewer: 404, otherCounty: 404 },
  },
  {
    name: "GET /quizzes/exam-<id>/report (an exam of 青山县)",
    file: "quizzes.$id.report.tsx",
    call: (ids) => ({ fn: quizReportPage.loader, url: `/quizzes/${ids.exam.quizId}/report`, params: { id: ids.exam.quizId } }),
    expect: { ...admins({ otherCounty: 404 }), trainer: 200 },
  },
  {
    name: "GET /grading",
    file: "grading._index.tsx",
    call: () => ({ fn: gradingQueue.loader, url: "/grading" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /grading/answers/:id (no such answer)",
    file: "grading.answers.$id.tsx",
    call: () => ({ fn: gradingAnswer.loader, url: "/grading/answers/999999", params: { id: "999999" } }),
    expect: { ...admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }), trainer: 404 },
  },
  {
    name: "POST /grading/answers/:id (no such answer)",
    file: "grading.answers.$id.tsx",
    call: () => ({
      fn: gradingAnswer.action,
      url: "/grading/answers/999999",
      params: { id: "999999" },
      form: { score: "1", version: "0" },
    }),
    expect: { ...admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }), trainer: 404 },
  },
  {
    name: "POST /notifications/:id (marks only one's own)",
    file: "notifications.$id.ts",
    call: () => ({ fn: notificationRead.action, url: "/notifications/999999", params: { id: "999999" }, form: {} }),
    expect: signedIn("redirect"),
  },
  {
    name: "GET /notifications (one's own messages)",
    file: "notifications._index.tsx",
    call: () => ({ fn: notificationList.loader, url: "/notifications" }),
    expect: signedIn(200),
  },
  {
    name: "GET /compliance/policy",
    file: "compliance.policy.tsx",
    call: () => ({ fn: compliancePolicy.loader, url: "/compliance/policy" }),
    expect: admins(),
  },
  {
    name: "GET /compliance/policy?org=<county 2>",
    file: "compliance.policy.tsx",
    call: (ids) => ({ fn: compliancePolicy.loader, url: `/compliance/policy?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /compliance",
    file: "compliance._index.tsx",
    call: () => ({ fn: complianceDashboard.loader, url: "/compliance" }),
    expect: admins(),
  },
  {
    name: "GET /compliance?org=<county 2>",
    file: "compliance._index.tsx",
    call: (ids) => ({ fn: complianceDashboard.loader, url: `/compliance?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /compliance/mediators",
    file: "compliance.mediators.tsx",
    call: () => ({ fn: complianceMediators.loader, url: "/compliance/mediators" }),
    expect: admins(),
  },
  {
    name: "GET /compliance/mediators?org=<county 2>&print=1",
    file: "compliance.mediators.tsx",
    call: (ids) => ({ fn: complianceMediators.loader, url: `/compliance/mediators?org=${ids.county2.id}&print=1` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "POST /compliance/mediators?org=<county 2> (send reminders)",
    file: "compliance.mediators.tsx",
    call: (ids) => ({
      fn: complianceMediators.action,
      url: `/compliance/mediators?org=${ids.county2.id}`,
      form: { state: "none", confirm: "on" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: "redirect", sysadmin: "redirect" }),
  },
  {
    name: "GET /compliance/report.xlsx",
    file: "compliance.report[.]xlsx.ts",
    call: () => ({ fn: complianceReport.loader, url: "/compliance/report.xlsx" }),
    expect: admins(),
  },
  {
    name: "GET /compliance/report.xlsx?org=<county 2>",
    file: "compliance.report[.]xlsx.ts",
    call: (ids) => ({ fn: complianceReport.loader, url: `/compliance/report.xlsx?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /rubrics",
    file: "rubrics._index.tsx",
    call: () => ({ fn: rubricList.loader, url: "/rubrics" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /rubrics/new",
    file: "rubrics.new.tsx",
    call: () => ({ fn: rubricNew.loader, url: "/rubrics/new" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /rubrics/:id (the province's)",
    file: "rubrics.$id.tsx",
    call: (ids) => ({ fn: rubricPage.loader, url: `/rubrics/${ids.rubric.id}`, params: { id: String(ids.rubric.id) } }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "POST /rubrics/:id (the province's: only province staff may change it)",
    file: "rubrics.$id.tsx",
    call: (ids) => ({
      fn: rubricPage.action,
      url: `/rubrics/${ids.rubric.id}`,
      params: { id: String(ids.rubric.id) },
      form: { intent: "save", title: "" },
    }),
    // Let through, the sysadmin gets the form's refusal of an empty title (400).
    expect: { ...admins({ township: 403, county: 403, otherCounty: 403, sysadmin: 400 }), trainer: 403 },
  },
  {
    name: "GET /exercises",
    file: "exercises._index.tsx",
    call: () => ({ fn: exerciseList.loader, url: "/exercises" }),
    expect: signedIn(200),
  },
  {
    name: "GET /exercises/new",
    file: "exercises.new.tsx",
    call: () => ({ fn: exerciseNew.loader, url: "/exercises/new" }),
    expect: { ...admins(), trainer: 200 },
  },
  {
    name: "GET /exercises/:id (set for 城关镇)",
    file: "exercises.$id._index.tsx",
    call: (ids) => ({ fn: exercisePage.loader, url: `/exercises/${ids.exercise.id}`, params: { id: String(ids.exercise.id) } }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /exercises/:id/files/:fileId (no such file)",
    file: "exercises.$id.files.$fileId.ts",
    call: (ids) => ({
      fn: exerciseMaterial.loader,
      url: `/exercises/${ids.exercise.id}/files/999999`,
      params: { id: String(ids.exercise.id), fileId: "999999" },
    }),
    expect: signedIn(404),
  },
  {
    name: "GET /exercises/:id/files/:fileId (a case material of the exercise set for 城关镇)",
    file: "exercises.$id.files.$fileId.ts",
    call: (ids) => ({
      fn: exerciseMaterial.loader,
      url: `/exercises/${ids.exercise.id}/files/${ids.exercise.fileId}`,
      params: { id: String(ids.exercise.id), fileId: String(ids.exercise.fileId) },
    }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /exercises/:id/my-files/:fileId (no such file)",
    file: "exercises.$id.my-files.$fileId.ts",
    call: (ids) => ({
      fn: exerciseOwnFile.loader,
      url: `/exercises/${ids.exercise.id}/my-files/999999`,
      params: { id: String(ids.exercise.id), fileId: "999999" },
    }),
    expect: signedIn(404),
  },
  {
    name: "GET /exercises/:id/my-files/:fileId (demo_mediator's submitted file: its author and staff over 城关镇)",
    file: "exercises.$id.my-files.$fileId.ts",
    call: (ids) => ({
      fn: exerciseOwnFile.loader,
      url: `/exercises/${ids.exercise.id}/my-files/${ids.submission.fileId}`,
      params: { id: String(ids.exercise.id), fileId: String(ids.submission.fileId) },
    }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /exercises/:id/report (set for 城关镇)",
    file: "exercises.$id.report.tsx",
    call: (ids) => ({
      fn: exerciseReportPage.loader,
      url: `/exercises/${ids.exercise.id}/report`,
      params: { id: String(ids.exercise.id) },
    }),
    expect: { ...admins({ otherCounty: 404 }), trainer: 200 },
  },
  {
    name: "GET /exercises/:id/report.xlsx (set for 城关镇)",
    file: "exercises.$id.report[.]xlsx.ts",
    call: (ids) => ({
      fn: exerciseReportXlsx.loader,
      url: `/exercises/${ids.exercise.id}/report.xlsx`,
      params: { id: String(ids.exercise.id) },
    }),
    expect: { ...admins({ otherCounty: 404 }), trainer: 200 },
  },
  {
    name: "GET /grading/submissions/:id (no such submission)",
    file: "grading.submissions.$id.tsx",
    call: () => ({ fn: gradingSubmission.loader, url: "/grading/submissions/999999", params: { id: "999999" } }),
    expect: { ...admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }), trainer: 404 },
  },
  {
    name: "GET /grading/submissions/:id/files/:fileId (no such submission)",
    file: "grading.submissions.$id.files.$fileId.ts",
    call: () => ({ fn: gradingSubmissionFile.loader, url: "/grading/submissions/999999/files/1", params: { id: "999999", fileId: "1" } }),
    // "submission:read" is open to a submission's author, so nobody is refused outright: 404.
    expect: signedIn(404),
  },
  {
    name: "GET /grading/submissions/:id/files/:fileId (demo_mediator's submitted file)",
    file: "grading.submissions.$id.files.$fileId.ts",
    call: (ids) => ({
      fn: gradingSubmissionFile.loader,
      url: `/grading/submissions/${ids.submission.id}/files/${ids.submission.fileId}`,
      params: { id: String(ids.submission.id), fileId: String(ids.submission.fileId) },
    }),
    expect: { anonymous: "login", mediator: 200, trainer: 200, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /admin/users",
    file: "admin.users._index.tsx",
    call: () => ({ fn: adminUsers.loader, url: "/admin/users" }),
    expect: admins(),
  },
  {
    name: "GET /admin/users/new",
    file: "admin.users.new.tsx",
    call: () => ({ fn: adminUserNew.loader, url: "/admin/users/new" }),
    expect: admins(),
  },
  {
    name: "GET /admin/users/:id (demo_mediator)",
    file: "admin.users.$id.tsx",
    call: (ids) => ({
      fn: adminUserDetail.loader,
      url: `/admin/users/${ids.mediatorUser.id}`,
      params: { id: String(ids.mediatorUser.id) },
    }),
    expect: admins({ otherCounty: 404 }),
  },
  {
    name: "POST /admin/users/:id sign out everywhere (an account in 城关镇)",
    file: "admin.users.$id.tsx",
    call: (ids) => ({
      fn: adminUserDetail.action,
      url: `/admin/users/${ids.target.id}`,
      params: { id: String(ids.target.id) },
      form: { intent: "signout" },
    }),
    expect: admins({ township: "redirect", county: "redirect", otherCounty: 404, sysadmin: "redirect" }),
  },
  { name: "GET /admin/audit", file: "admin.audit.tsx", call: () => ({ fn: adminAudit.loader, url: "/admin/audit" }), expect: admins() },
  // Case register: admins over the file's committee; 404 for a file of another subtree.
  { name: "GET /cases", file: "cases._index.tsx", call: () => ({ fn: caseList.loader, url: "/cases" }), expect: admins() },
  {
    name: "GET /cases?org=<county 2>",
    file: "cases._index.tsx",
    call: (ids) => ({ fn: caseList.loader, url: `/cases?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  { name: "GET /cases/new", file: "cases.new.tsx", call: () => ({ fn: caseNew.loader, url: "/cases/new" }), expect: admins() },
  {
    name: "GET /cases/:id (township file)",
    file: "cases.$id._index.tsx",
    call: (ids) => ({ fn: caseDetail.loader, url: `/cases/${ids.cases.township}`, params: { id: String(ids.cases.township) } }),
    expect: admins({ otherCounty: 404 }),
  },
  {
    name: "GET /cases/:id (county 2 file)",
    file: "cases.$id._index.tsx",
    call: (ids) => ({ fn: caseDetail.loader, url: `/cases/${ids.cases.county2}`, params: { id: String(ids.cases.county2) } }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /cases/:id/edit (county 2 file)",
    file: "cases.$id.edit.tsx",
    call: (ids) => ({ fn: caseEdit.loader, url: `/cases/${ids.cases.county2}/edit`, params: { id: String(ids.cases.county2) } }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "POST /cases/:id/edit (county 2 file, no reason)",
    file: "cases.$id.edit.tsx",
    call: (ids) => ({
      fn: caseEdit.action,
      url: `/cases/${ids.cases.county2}/edit`,
      params: { id: String(ids.cases.county2) },
      form: { fileNo: "矩阵" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: 400, sysadmin: 400 }),
  },
  { name: "GET /cases/import", file: "cases.import.tsx", call: () => ({ fn: caseImport.loader, url: "/cases/import" }), expect: admins() },
  {
    name: "GET /cases/template.xlsx",
    file: "cases.template[.]xlsx.ts",
    call: () => ({ fn: caseTemplate.loader, url: "/cases/template.xlsx" }),
    expect: admins(),
  },
  { name: "GET /cases/stats", file: "cases.stats.tsx", call: () => ({ fn: caseStats.loader, url: "/cases/stats" }), expect: admins() },
  {
    name: "GET /cases/stats?org=<county 2>",
    file: "cases.stats.tsx",
    call: (ids) => ({ fn: caseStats.loader, url: `/cases/stats?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /cases/stats.xlsx?org=<county 2>",
    file: "cases.stats[.]xlsx.ts",
    call: (ids) => ({ fn: caseStatsXlsx.loader, url: `/cases/stats.xlsx?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /cases/import-errors/:token (none kept)",
    file: "cases.import-errors.$token.ts",
    call: () => ({
      fn: caseImportErrors.loader,
      url: "/cases/import-errors/00000000000000000000000000000000",
      params: { token: "00000000000000000000000000000000" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }),
  },
  // Case-file review: bureau admins over the review's node manage it; the reviewer named on a file
  // scores it (anyone else: 404 if they hold a reviewer or trainer role, 403 if not); the admins
  // over the file's committee upload; the scans go to both.
  { name: "GET /reviews", file: "reviews._index.tsx", call: () => ({ fn: reviewList.loader, url: "/reviews" }), expect: admins() },
  { name: "GET /reviews/new", file: "reviews.new.tsx", call: () => ({ fn: reviewNew.loader, url: "/reviews/new" }), expect: admins() },
  {
    name: "POST /reviews/new (empty form)",
    file: "reviews.new.tsx",
    call: () => ({ fn: reviewNew.action, url: "/reviews/new", form: { title: "" } }),
    expect: admins({ township: 400, county: 400, otherCounty: 400, sysadmin: 400 }),
  },
  {
    name: "GET /reviews/:id (青山县's open review)",
    file: "reviews.$id._index.tsx",
    call: (ids) => ({ fn: reviewPage.loader, url: `/reviews/${ids.review.id}`, params: { id: String(ids.review.id) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "POST /reviews/:id (close without a reason)",
    file: "reviews.$id._index.tsx",
    call: (ids) => ({
      fn: reviewPage.action,
      url: `/reviews/${ids.review.id}`,
      params: { id: String(ids.review.id) },
      form: { reason: "" },
    }),
    expect: admins({ township: 404, county: 400, otherCounty: 404, sysadmin: 400 }),
  },
  {
    name: "GET /reviews/:id/report.xlsx",
    file: "reviews.$id.report[.]xlsx.ts",
    call: (ids) => ({ fn: reviewReport.loader, url: `/reviews/${ids.review.id}/report.xlsx`, params: { id: String(ids.review.id) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "GET /reviews/assigned",
    file: "reviews.assigned.tsx",
    call: () => ({ fn: reviewAssigned.loader, url: "/reviews/assigned" }),
    expect: { anonymous: "login", mediator: 403, trainer: 200, reviewer: 200, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "GET /reviews/items/:id/score (demo_reviewer's file)",
    file: "reviews.items.$id.score.tsx",
    call: (ids) => ({ fn: reviewScore.loader, url: `/reviews/items/${ids.review.mine}/score`, params: { id: String(ids.review.mine) } }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 200, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "POST /reviews/items/:id/score (demo_reviewer's file, stale version)",
    file: "reviews.items.$id.score.tsx",
    call: (ids) => ({
      fn: reviewScore.action,
      url: `/reviews/items/${ids.review.mine}/score`,
      params: { id: String(ids.review.mine) },
      form: { version: "-1" },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 409, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "GET /reviews/items/:id/upload (a 城关镇 file)",
    file: "reviews.items.$id.upload.tsx",
    call: (ids) => ({ fn: reviewUpload.loader, url: `/reviews/items/${ids.review.mine}/upload`, params: { id: String(ids.review.mine) } }),
    expect: admins({ otherCounty: 404 }),
  },
  {
    name: "GET /reviews/items/:id/upload (a file outside 城关镇)",
    file: "reviews.items.$id.upload.tsx",
    call: (ids) => ({
      fn: reviewUpload.loader,
      url: `/reviews/items/${ids.review.outside}/upload`,
      params: { id: String(ids.review.outside) },
    }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "GET /reviews/scans/:caseId/:fileId (demo_reviewer's 城关镇 file)",
    file: "reviews.scans.$caseId.$fileId.ts",
    call: (ids) => ({
      fn: reviewScan.loader,
      url: `/reviews/scans/${ids.review.scan.caseId}/${ids.review.scan.fileId}`,
      params: { caseId: String(ids.review.scan.caseId), fileId: String(ids.review.scan.fileId) },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 200, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  // Grade levels: every admin reads their province's scheme; only admins over the province (the sysadmin here) set it.
  {
    name: "GET /levels/scheme",
    file: "levels.scheme.tsx",
    call: () => ({ fn: levelScheme.loader, url: "/levels/scheme" }),
    expect: admins(),
  },
  {
    name: "GET /levels/scheme?org=<no such province>",
    file: "levels.scheme.tsx",
    call: () => ({ fn: levelScheme.loader, url: "/levels/scheme?org=99999999" }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }),
  },
  {
    name: "POST /levels/scheme (apply Guangdong's rule)",
    file: "levels.scheme.tsx",
    call: () => ({ fn: levelScheme.action, url: "/levels/scheme", form: { intent: "preset", preset: "guangdong" } }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: "redirect" }),
  },
  {
    name: "GET /levels/pay",
    file: "levels.pay.tsx",
    call: () => ({ fn: levelPay.loader, url: "/levels/pay" }),
    expect: admins(),
  },
  {
    name: "POST /levels/pay",
    file: "levels.pay.tsx",
    call: () => ({
      fn: levelPay.action,
      url: "/levels/pay",
      form: { "bands[0].level": "level4", "bands[0].from": "200", "bands[0].to": "300" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: "redirect" }),
  },
  {
    name: "GET /roster/:id/criteria (county 2)",
    file: "roster.$id.criteria.tsx",
    call: (ids) => ({
      fn: rosterCriteria.loader,
      url: `/roster/${ids.county2Mediator.id}/criteria`,
      params: { id: String(ids.county2Mediator.id) },
    }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "GET /roster/:id/sanctions (county 2)",
    file: "roster.$id.sanctions.tsx",
    call: (ids) => ({
      fn: rosterSanctions.loader,
      url: `/roster/${ids.county2Mediator.id}/sanctions`,
      params: { id: String(ids.county2Mediator.id) },
    }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "POST /roster/:id/sanctions (county 2)",
    file: "roster.$id.sanctions.tsx",
    call: (ids) => ({
      fn: rosterSanctions.action,
      url: `/roster/${ids.county2Mediator.id}/sanctions`,
      params: { id: String(ids.county2Mediator.id) },
      form: { on: "2026-02-03", reason: "矩阵测试：调解中违反纪律。", documentNo: "临司处〔2026〕1号" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: "redirect", sysadmin: "redirect" }),
  },
  // Grade evaluation rounds: the report and its export, for the admins over the round's node.
  {
    name: "GET /rounds/:id/report (county 1)",
    file: "rounds.$id.report.tsx",
    call: (ids) => ({ fn: roundReport.loader, url: `/rounds/${ids.rounds.county1}/report`, params: { id: String(ids.rounds.county1) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "GET /rounds/:id/results.xlsx (county 2)",
    file: "rounds.$id.results[.]xlsx.ts",
    call: (ids) => ({
      fn: roundResultsXlsx.loader,
      url: `/rounds/${ids.rounds.county2}/results.xlsx`,
      params: { id: String(ids.rounds.county2) },
    }),
    expect: admins({ township: 404, county: 404 }),
  },
  // Certificates: the public check, and a certificate's page, PDF and revocation.
  { name: "GET /verify", file: "verify._index.ts", call: () => ({ fn: verifyForm.loader, url: "/verify" }), expect: all(200) },
  {
    name: "GET /verify/:code",
    file: "verify.$code.ts",
    call: (ids) => ({ fn: verifyCode.loader, url: `/verify/${ids.certs.own.code}`, params: { code: ids.certs.own.code } }),
    expect: all(200),
  },
  {
    name: "GET /verify/:code (unknown)",
    file: "verify.$code.ts",
    call: () => ({ fn: verifyCode.loader, url: `/verify/${UNKNOWN_CODE}`, params: { code: UNKNOWN_CODE } }),
    expect: all(404),
  },
  {
    name: "GET /verify/:code (mistyped)",
    file: "verify.$code.ts",
    call: () => ({ fn: verifyCode.loader, url: "/verify/ABCD-EFGH-JKM", params: { code: "ABCD-EFGH-JKM" } }),
    expect: all(400),
  },
  {
    name: "GET /certificates/:id (demo_mediator's, 城关镇)",
    file: "certificates.$id._index.tsx",
    call: (ids) => ({ fn: certificatePage.loader, url: `/certificates/${ids.certs.own.id}`, params: { id: String(ids.certs.own.id) } }),
    expect: { anonymous: "login", mediator: 200, trainer: 404, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /certificates/:id (county 2)",
    file: "certificates.$id._index.tsx",
    call: (ids) => ({
      fn: certificatePage.loader,
      url: `/certificates/${ids.certs.county2.id}`,
      params: { id: String(ids.certs.county2.id) },
    }),
    expect: { anonymous: "login", mediator: 404, trainer: 404, reviewer: 404, township: 404, county: 404, otherCounty: 200, sysadmin: 200 },
  },
  {
    name: "GET /certificates/:id (no such id)",
    file: "certificates.$id._index.tsx",
    call: () => ({ fn: certificatePage.loader, url: "/certificates/99999999", params: { id: "99999999" } }),
    expect: { ...all(404), anonymous: "login" },
  },
  {
    name: "GET /certificates/:id.pdf (demo_mediator's)",
    file: "certificates.$id[.]pdf.ts",
    call: (ids) => ({ fn: certificatePdf.loader, url: `/certificates/${ids.certs.own.id}.pdf`, params: { id: String(ids.certs.own.id) } }),
    expect: { anonymous: "login", mediator: 200, trainer: 404, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "POST /certificates/:id revoke (demo_mediator's, issued by 青山县; no reason given)",
    file: "certificates.$id._index.tsx",
    call: (ids) => ({
      fn: certificatePage.action,
      url: `/certificates/${ids.certs.own.id}`,
      params: { id: String(ids.certs.own.id) },
      form: { category: "misconduct" },
    }),
    // The holder and the township's admin may read it, but only the issuing county (or above) revokes.
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 404, township: 403, county: 400, otherCounty: 404, sysadmin: 400 },
  },
  {
    name: "POST /certificates/:id revoke (county 2)",
    file: "certificates.$id._index.tsx",
    call: (ids) => ({
      fn: certificatePage.action,
      url: `/certificates/${ids.certs.county2.id}`,
      params: { id: String(ids.certs.county2.id) },
      form: { category: "issued_in_error", reason: "矩阵测试" },
    }),
    // County 2's admin revokes; the sysadmin then finds it revoked already (a repeat changes nothing).
    expect: {
      anonymous: "login",
      mediator: 404,
      trainer: 404,
      reviewer: 404,
      township: 404,
      county: 404,
      otherCounty: "redirect",
      sysadmin: "redirect",
    },
  },
  // Grade evaluation rounds (rounds-apply): 青山县's round, demo_mediator's draft application in it with one file.
  { name: "GET /rounds", file: "rounds._index.tsx", call: () => ({ fn: roundList.loader, url: "/rounds" }), expect: admins() },
  { name: "GET /rounds/new", file: "rounds.new.tsx", call: () => ({ fn: roundNew.loader, url: "/rounds/new" }), expect: admins() },
  {
    name: "GET /rounds/:id (青山县's round)",
    file: "rounds.$id._index.tsx",
    call: (ids) => ({ fn: roundPage.loader, url: `/rounds/${ids.round.id}`, params: { id: String(ids.round.id) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "POST /rounds/:id skipping to the announcement",
    file: "rounds.$id._index.tsx",
    call: (ids) => ({
      fn: roundPage.action,
      url: `/rounds/${ids.round.id}`,
      params: { id: String(ids.round.id) },
      form: { to: "announcing" },
    }),
    expect: admins({ township: 404, otherCounty: 404, county: 409, sysadmin: 409 }),
  },
  {
    name: "GET /rounds/:id/apply",
    file: "rounds.$id.apply.tsx",
    call: (ids) => ({ fn: roundApply.loader, url: `/rounds/${ids.round.id}/apply`, params: { id: String(ids.round.id) } }),
    // demo_mediator already applied: sent to the application. Accounts without a roster entry have nothing to apply with.
    expect: { ...signedIn(404), mediator: "redirect" },
  },
  {
    name: "GET /rounds/:id/prereview",
    file: "rounds.$id.prereview.tsx",
    call: (ids) => ({ fn: roundPrereview.loader, url: `/rounds/${ids.round.id}/prereview`, params: { id: String(ids.round.id) } }),
    expect: admins({ otherCounty: 404 }),
  },
  {
    name: "GET /applications",
    file: "applications._index.tsx",
    call: () => ({ fn: applicationList.loader, url: "/applications" }),
    expect: signedIn(200),
  },
  {
    name: "GET /applications/:id (demo_mediator's)",
    file: "applications.$id._index.tsx",
    call: (ids) => ({
      fn: applicationPage.loader,
      url: `/applications/${ids.round.application}`,
      params: { id: String(ids.round.application) },
    }),
    expect: { ...admins({ otherCounty: 404 }), mediator: 200, trainer: 404, reviewer: 404 },
  },
  {
    name: "POST /applications/:id return without a reason",
    file: "applications.$id._index.tsx",
    call: (ids) => ({
      fn: applicationPage.action,
      url: `/applications/${ids.round.application}`,
      params: { id: String(ids.round.application) },
      form: { intent: "review", move: "committeeReturn", reason: "" },
    }),
    expect: { ...admins({ township: 400, county: 400, sysadmin: 400, otherCounty: 404 }), mediator: 403, trainer: 404, reviewer: 404 },
  },
  {
    name: "GET /applications/:id/files/:fileId",
    file: "applications.$id.files.$fileId.ts",
    call: (ids) => ({
      fn: applicationFile.loader,
      url: `/applications/${ids.round.application}/files/${ids.round.fileId}`,
      params: { id: String(ids.round.application), fileId: String(ids.round.fileId) },
    }),
    expect: { ...admins({ otherCounty: 404 }), mediator: 200, trainer: 404, reviewer: 404 },
  },
  // Grade evaluation rounds (青山县): the panel, scoring, decisions, objections and finalising; the public announcement.
  ...(
    [
      ["GET /rounds/:id/admin", "rounds.$id.admin.tsx", roundAdmin.loader, "admin"],
      ["GET /rounds/:id/panel", "rounds.$id.panel.tsx", roundPanel.loader, "panel"],
      ["GET /rounds/:id/decisions", "rounds.$id.decisions.tsx", roundDecisions.loader, "decisions"],
      ["GET /rounds/:id/objections", "rounds.$id.objections.tsx", roundObjections.loader, "objections"],
      ["GET /rounds/:id/finalise", "rounds.$id.finalise.tsx", roundFinalise.loader, "finalise"],
    ] as const
  ).map(([name, file, fn, page]): Case => ({
    name,
    file,
    call: (ids) => ({ fn, url: `/rounds/${ids.panel.reviewing}/${page}`, params: { id: String(ids.panel.reviewing) } }),
    expect: admins({ township: 404, otherCounty: 404 }),
  })),
  {
    name: "POST /rounds/:id/panel (an account that may not sit on it)",
    file: "rounds.$id.panel.tsx",
    call: (ids) => ({
      fn: roundPanel.action,
      url: `/rounds/${ids.panel.reviewing}/panel`,
      params: { id: String(ids.panel.reviewing) },
      form: { intent: "add", userId: String(ids.mediatorUser.id) },
    }),
    expect: admins({ township: 404, county: 400, otherCounty: 404, sysadmin: 400 }),
  },
  {
    name: "POST /rounds/:id/decisions (no reason)",
    file: "rounds.$id.decisions.tsx",
    call: (ids) => ({
      fn: roundDecisions.action,
      url: `/rounds/${ids.panel.reviewing}/decisions`,
      params: { id: String(ids.panel.reviewing) },
      form: { applicationId: String(ids.panel.application), outcome: "awarded", level: "level4" },
    }),
    expect: admins({ township: 404, county: 400, otherCounty: 404, sysadmin: 400 }),
  },
  {
    name: "POST /rounds/:id/finalise (not confirmed)",
    file: "rounds.$id.finalise.tsx",
    call: (ids) => ({
      fn: roundFinalise.action,
      url: `/rounds/${ids.panel.reviewing}/finalise`,
      params: { id: String(ids.panel.reviewing) },
      form: {},
    }),
    expect: admins({ township: 404, county: 400, otherCounty: 404, sysadmin: 400 }),
  },
  {
    name: "POST /rounds/:id/objections (no such objection)",
    file: "rounds.$id.objections.tsx",
    call: (ids) => ({
      fn: roundObjections.action,
      url: `/rounds/${ids.panel.reviewing}/objections`,
      params: { id: String(ids.panel.reviewing) },
      form: { objectionId: "99999999", answer: "矩阵测试" },
    }),
    expect: admins({ township: 404, county: 404, otherCounty: 404, sysadmin: 404 }),
  },
  {
    name: "GET /rounds/score",
    file: "rounds.score.tsx",
    call: () => ({ fn: roundScoringAll.loader, url: "/rounds/score" }),
    expect: { anonymous: "login", mediator: 403, trainer: 200, reviewer: 200, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "GET /rounds/:id/score (demo_reviewer on the panel)",
    file: "rounds.$id.score.tsx",
    call: (ids) => ({
      fn: roundScoring.loader,
      url: `/rounds/${ids.panel.reviewing}/score`,
      params: { id: String(ids.panel.reviewing) },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 200, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "POST /rounds/:id/score (a relation without the applicant)",
    file: "rounds.$id.score.tsx",
    call: (ids) => ({
      fn: roundScoring.action,
      url: `/rounds/${ids.panel.reviewing}/score`,
      params: { id: String(ids.panel.reviewing) },
      form: { relation: "同事" },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 400, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "GET /applications/:id/score",
    file: "applications.$id.score.tsx",
    call: (ids) => ({
      fn: applicationScore.loader,
      url: `/applications/${ids.panel.application}/score`,
      params: { id: String(ids.panel.application) },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 200, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "POST /applications/:id/score (no points)",
    file: "applications.$id.score.tsx",
    call: (ids) => ({
      fn: applicationScore.action,
      url: `/applications/${ids.panel.application}/score`,
      params: { id: String(ids.panel.application) },
      form: { comment: "" },
    }),
    expect: { anonymous: "login", mediator: 403, trainer: 404, reviewer: 400, township: 403, county: 403, otherCounty: 403, sysadmin: 403 },
  },
  {
    name: "GET /announcements/:roundId (announced)",
    file: "announcements.$roundId.tsx",
    call: (ids) => ({
      fn: announcement.loader,
      url: `/announcements/${ids.panel.announced}`,
      params: { roundId: String(ids.panel.announced) },
    }),
    expect: all(200),
  },
  {
    name: "GET /announcements/:roundId (still under review)",
    file: "announcements.$roundId.tsx",
    call: (ids) => ({
      fn: announcement.loader,
      url: `/announcements/${ids.panel.reviewing}`,
      params: { roundId: String(ids.panel.reviewing) },
    }),
    expect: all(404),
  },
  {
    name: "POST /announcements/:roundId (empty objection)",
    file: "announcements.$roundId.tsx",
    call: (ids) => ({
      fn: announcement.action,
      url: `/announcements/${ids.panel.announced}`,
      params: { roundId: String(ids.panel.announced) },
      form: { objector: "" },
    }),
    expect: all(400),
  },
  // The expert pool (调解专家库): public list; bureau pages over the pool's node; consultation threads for their two sides only.
  {
    name: "GET /experts",
    file: "experts._index.tsx",
    call: () => ({ fn: expertsPublic.loader, url: "/experts?field=law" }),
    expect: all(200),
  },
  {
    name: "GET /experts/admin",
    file: "experts.admin._index.tsx",
    call: () => ({ fn: expertsAdmin.loader, url: "/experts/admin" }),
    expect: admins(),
  },
  {
    name: "POST /experts/admin (empty pool form)",
    file: "experts.admin._index.tsx",
    call: () => ({ fn: expertsAdmin.action, url: "/experts/admin", form: { name: "" } }),
    expect: admins({ township: 400, county: 400, otherCounty: 400, sysadmin: 400 }),
  },
  {
    name: "GET /experts/admin/new",
    file: "experts.admin.new.tsx",
    call: () => ({ fn: expertsAdminNew.loader, url: "/experts/admin/new" }),
    expect: admins(),
  },
  {
    name: "GET /experts/admin/:id (云溪市's pool)",
    file: "experts.admin.$id.tsx",
    call: (ids) => ({ fn: expertsAdminDetail.loader, url: `/experts/admin/${ids.experts.city}`, params: { id: String(ids.experts.city) } }),
    expect: admins({ township: 404, county: 404, otherCounty: 404 }),
  },
  {
    name: "GET /experts/admin/:id (青山县's pool)",
    file: "experts.admin.$id.tsx",
    call: (ids) => ({
      fn: expertsAdminDetail.loader,
      url: `/experts/admin/${ids.experts.county}`,
      params: { id: String(ids.experts.county) },
    }),
    expect: admins({ township: 404, otherCounty: 404 }),
  },
  {
    name: "POST /experts/admin/:id remove without a reason (青山县's pool)",
    file: "experts.admin.$id.tsx",
    call: (ids) => ({
      fn: expertsAdminDetail.action,
      url: `/experts/admin/${ids.experts.county}`,
      params: { id: String(ids.experts.county) },
      form: { intent: "remove" },
    }),
    expect: admins({ township: 404, otherCounty: 404, county: 400, sysadmin: 400 }),
  },
  {
    name: "GET /experts/admin/consultations",
    file: "experts.admin.consultations.tsx",
    call: () => ({ fn: expertsAdminConsultations.loader, url: "/experts/admin/consultations" }),
    expect: admins(),
  },
  {
    name: "GET /consultations",
    file: "consultations._index.tsx",
    call: () => ({ fn: consultationList.loader, url: "/consultations" }),
    expect: signedIn(200),
  },
  {
    name: "GET /consultations/new",
    file: "consultations.new.tsx",
    call: () => ({ fn: consultationNew.loader, url: "/consultations/new" }),
    expect: { ...signedIn(403), mediator: 200 },
  },
  {
    name: "GET /consultations/:id (demo_mediator's question to demo_expert)",
    file: "consultations.$id.tsx",
    call: (ids) => ({
      fn: consultationThread.loader,
      url: `/consultations/${ids.experts.thread}`,
      params: { id: String(ids.experts.thread) },
    }),
    expect: { ...signedIn(404), mediator: 200 },
  },
  {
    name: "POST /consultations/:id (empty reply)",
    file: "consultations.$id.tsx",
    call: (ids) => ({
      fn: consultationThread.action,
      url: `/consultations/${ids.experts.thread}`,
      params: { id: String(ids.experts.thread) },
      form: { intent: "reply", body: "" },
    }),
    expect: { ...signedIn(404), mediator: 400 },
  },
  // Mediation rooms: the public directory, pages, plaque and images; applying; following; the dashboard.
  {
    name: "GET /rooms",
    file: "rooms._index.ts",
    call: () => ({ fn: roomDirectory.loader, url: "/rooms?specialty=traffic&page=1" }),
    expect: all(200),
  },
  {
    name: "GET /rooms/:slug (named)",
    file: "rooms.$slug._index.ts",
    call: (ids) => ({ fn: roomPublic.loader, url: `/rooms/${ids.rooms.named}`, params: { slug: ids.rooms.named } }),
    expect: all(200),
  },
  {
    name: "GET /rooms/:slug (withdrawn)",
    file: "rooms.$slug._index.ts",
    call: (ids) => ({ fn: roomPublic.loader, url: `/rooms/${ids.rooms.withdrawn}`, params: { slug: ids.rooms.withdrawn } }),
    expect: all(200),
  },
  {
    name: "GET /rooms/:slug (unknown)",
    file: "rooms.$slug._index.ts",
    call: () => ({ fn: roomPublic.loader, url: "/rooms/nosuchroom", params: { slug: "nosuchroom" } }),
    expect: all(404),
  },
  {
    name: "GET /rooms/:slug/plaque",
    file: "rooms.$slug.plaque.ts",
    call: (ids) => ({ fn: roomPlaque.loader, url: `/rooms/${ids.rooms.named}/plaque`, params: { slug: ids.rooms.named } }),
    expect: all(200),
  },
  {
    name: "GET /rooms/:slug/images/:name",
    file: "rooms.$slug.images.$name.ts",
    call: (ids) => ({
      fn: roomImage.loader,
      url: `/rooms/${ids.rooms.named}/images/photo-640.jpg`,
      params: { slug: ids.rooms.named, name: "photo-640.jpg" },
    }),
    expect: all(200),
  },
  {
    name: "GET /rooms/:slug/images/:name (not a stored size)",
    file: "rooms.$slug.images.$name.ts",
    call: (ids) => ({
      fn: roomImage.loader,
      url: `/rooms/${ids.rooms.named}/images/original.jpg`,
      params: { slug: ids.rooms.named, name: "original.jpg" },
    }),
    expect: all(404),
  },
  { name: "GET /rooms/apply", file: "rooms.apply.tsx", call: () => ({ fn: roomApply.loader, url: "/rooms/apply" }), expect: signedIn(200) },
  {
    name: "POST /rooms/apply (not multipart)",
    file: "rooms.apply.tsx",
    call: () => ({ fn: roomApply.action, url: "/rooms/apply", form: { name: "测试调解室" } }),
    expect: signedIn(400),
  },
  {
    name: "GET /rooms/manage",
    file: "rooms.manage._index.tsx",
    call: () => ({ fn: roomManageList.loader, url: "/rooms/manage" }),
    expect: signedIn(200),
  },
  {
    name: "GET /rooms/manage/:id (青山县 committee, awaiting naming)",
    file: "rooms.manage.$id._index.tsx",
    call: (ids) => ({ fn: roomManage.loader, url: `/rooms/manage/${ids.rooms.consented}`, params: { id: String(ids.rooms.consented) } }),
    expect: { anonymous: "login", mediator: 404, trainer: 404, reviewer: 404, township: 404, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "GET /rooms/manage/:id (城关镇, awaiting consent)",
    file: "rooms.manage.$id._index.tsx",
    call: (ids) => ({ fn: roomManage.loader, url: `/rooms/manage/${ids.rooms.submitted}`, params: { id: String(ids.rooms.submitted) } }),
    expect: { anonymous: "login", mediator: 404, trainer: 404, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  {
    name: "POST /rooms/manage/:id (naming without 文号)",
    file: "rooms.manage.$id._index.tsx",
    call: (ids) => ({
      fn: roomManage.action,
      url: `/rooms/manage/${ids.rooms.consented}`,
      params: { id: String(ids.rooms.consented) },
      form: { intent: "move", move: "name", namedOn: "2026-12-01", plaque: "医和调解工作室" },
    }),
    expect: { anonymous: "login", mediator: 404, trainer: 404, reviewer: 404, township: 404, county: 400, otherCounty: 404, sysadmin: 400 },
  },
  {
    name: "GET /rooms/manage/:id/images/:name",
    file: "rooms.manage.$id.images.$name.ts",
    call: (ids) => ({
      fn: roomManageImage.loader,
      url: `/rooms/manage/${ids.rooms.submitted}/images/photo-640.jpg`,
      params: { id: String(ids.rooms.submitted), name: "photo-640.jpg" },
    }),
    expect: { anonymous: "login", mediator: 404, trainer: 404, reviewer: 404, township: 200, county: 200, otherCounty: 404, sysadmin: 200 },
  },
  { name: "GET /rooms/admin", file: "rooms.admin.tsx", call: () => ({ fn: roomAdmin.loader, url: "/rooms/admin" }), expect: admins() },
  {
    name: "GET /rooms/admin?org=<county 2>",
    file: "rooms.admin.tsx",
    call: (ids) => ({ fn: roomAdmin.loader, url: `/rooms/admin?org=${ids.county2.id}` }),
    expect: admins({ township: 404, county: 404 }),
  },
  {
    name: "POST /rooms/admin (a rating window that is no date)",
    file: "rooms.admin.tsx",
    call: () => ({
      fn: roomAdmin.action,
      url: "/rooms/admin",
      form: { minYears: "5", minDisputesPerYear: "20", minSuccessRate: "90", spanYears: "3", ratingOpens: "13-45", ratingCloses: "03-31" },
    }),
    expect: admins({ township: 400, county: 400, otherCounty: 400, sysadmin: 400 }),
  },
];

let db: TestDatabase;
let ids: Ids;
beforeAll(async () => {
  db = await createMigratedDatabase();
  const seeded = await seedWithPersonas();
  // The demo's room images, where this matrix reads its uploads from (set below).
  const seededUploads = process.env.UPLOAD_DIR;
  // A throw-away account for the actions that end sessions, so no persona is signed out mid-matrix.
  const created = await createAccount(
    {
      id: (await User.findOne({ where: { username: "demo_township" } }))!.id,
      scopes: [(await getOrgScope(seeded.township.id))!],
      isSysadmin: false,
      ip: "test",
    },
    { username: "matrix_target", displayName: "矩阵测试", role: "mediator", orgUnitId: seeded.townshipMediator.orgUnitId },
  );
  if (!created.ok) throw new Error(created.error);
  // A submitted log of demo_mediator naming demo_trainer, with one evidence file.
  process.env.UPLOAD_DIR = fsSync.mkdtempSync(path.join(os.tmpdir(), "academy-matrix-"));
  if (seededUploads && fsSync.existsSync(seededUploads)) fsSync.cpSync(seededUploads, process.env.UPLOAD_DIR, { recursive: true });
  const author = (await getCurrentUser(new Request(BASE, { headers: { Cookie: seeded.cookies.mediator! } })))!;
  const trainer = (await User.findOne({ where: { username: "demo_trainer" } }))!;
  const saved = await saveLog(
    author,
    {
      type: "observation",
      occurredOn: "2026-09-01",
      hours: 2,
      place: "城关镇人民调解委员会调解室",
      supervisorUserId: trainer.id,
      reflection: "观摩了一起宅基地边界纠纷的现场调解，学习了调解员如何先请双方到现场共同指认界址，再对照登记资料逐段核对的方法。",
      intent: "submit",
    },
    [{ name: "现场.png", bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) }],
  );
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  const file = await listAttachments("log", saved.log.id);
  // An event of 青山县 (county 1), organised by its trainer.
  const event = await TrainingEvent.create({
    orgUnitId: seeded.county1.id,
    audienceOrgUnitId: seeded.county1.id,
    title: "矩阵测试活动",
    form: "lecture",
    kind: "annual",
    startsAt: new Date(Date.now() + 3600_000),
    endsAt: new Date(Date.now() + 4 * 3600_000),
    hours: 3,
    place: "青山县司法局",
    capacity: 50,
    description: null,
    createdBy: trainer.id,
  });
  // A course assignment of 青山县 (county 1).
  const assignment = await CourseAssignment.create({
    orgUnitId: seeded.county1.id,
    courseSlug: "traffic",
    year: 2026,
    dueOn: "2026-12-20",
    createdBy: null,
  });
  const handout = await addMaterials(event, [{ name: "讲义.pdf", bytes: new TextEncoder().encode("%PDF-1.4 handout") }], trainer.id);
  if (!handout.ok) throw new Error(handout.error);
  // An attempt of demo_mediator in progress.
  const attempt = await startAttempt(seeded.mediatorUser.id, getQuiz("practice-mixed")!);
  if (!attempt.ok) throw new Error(attempt.error);
  // An exam demo_county scheduled for 青山县, open for two days.
  const scheduled = await ScheduledExam.create({
    orgUnitId: seeded.county1.id,
    orgPath: seeded.county1.path,
    title: "矩阵测试考试",
    audience: { committeeIds: [], specialties: [] },
    draw: [{ category: "labour", count: 2 }],
    settings: { attemptsAllowed: 1, passMark: 60, timeLimitMinutes: 30, review: "after_close", multipleScoring: "all_or_nothing" },
    opensAt: new Date(Date.now() - 3600_000),
    closesAt: new Date(Date.now() + 48 * 3600_000),
    createdBy: null,
  });
  // A province rubric and an exercise demo_trainer sets for 城关镇.
  const rubric = (await Rubric.findOne({ where: { title: "模拟调解" } }))!;
  const exercise = await createExercise(
    { id: trainer.id, scopes: [(await getOrgScope(seeded.county1.id))!] },
    {
      title: "矩阵测试作业",
      brief: "写出调解方案。",
      rubricId: rubric.id,
      passPercent: 60,
      audience: `org:${seeded.township.id}`,
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16),
      latePolicy: "accept",
      resubmissions: 1,
      hours: 2,
      form: "drill",
      anonymous: false,
    },
    [{ name: "案例材料.pdf", bytes: new TextEncoder().encode("%PDF-1.4 case") }],
  );
  if (!exercise.ok) throw new Error(JSON.stringify(exercise.errors));
  // demo_mediator's submission to it, with one file.
  const submitted = await saveSubmission(seeded.mediatorUser.id, exercise.exercise, { body: "调解方案。", intent: "submit" }, [
    { name: "方案.pdf", bytes: new TextEncoder().encode("%PDF-1.4 matrix") },
  ]);
  if (!submitted.ok) throw new Error(submitted.error);
  const [submissionFile] = await listAttachments("submission", submitted.submission.id);
  // One register file under 城关镇 (county 1) and one in county 2.
  const sysadmin = { id: trainer.id, scopes: [(await getOrgScope(seeded.county1.parentId!))!] };
  const caseFile = async (mediator: Mediator, fileNo: string) => {
    const made = await createCaseFile(
      sysadmin,
      caseFileSchema.parse({
        fileNo,
        orgUnitId: mediator.orgUnitId,
        primaryMediatorId: mediator.id,
        category: "traffic",
        source: "application",
        receivedOn: "2026-03-01",
        closedOn: "2026-03-05",
        outcome: "success",
        agreementForm: "written",
        parties: 2,
        summary: "张某与李某因车辆刮擦发生纠纷，经调解达成赔偿协议。",
      }),
    );
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    return made.file.id;
  };
  const cases = {
    township: await caseFile(seeded.townshipMediator, "矩阵〔2026〕1号"),
    county2: await caseFile(seeded.county2Mediator, "矩阵〔2026〕2号"),
  };
  // 青山县's open case-file review (demo seed): a file of 城关镇 waiting for demo_reviewer, with its scan, and a file outside 城关镇.
  const openReview = (await CaseReview.findOne({ where: { state: "open" } }))!;
  const reviewer = (await User.findOne({ where: { username: "demo_reviewer" } }))!;
  const items = await CaseReviewItem.findAll({ where: { reviewId: openReview.id }, order: [["id", "ASC"]] });
  const mine = items.find(
    (i) => i.reviewerUserId === reviewer.id && i.stage === "awaiting_score" && i.orgPath.startsWith(seeded.township.path),
  )!;
  const outside = items.find((i) => !i.orgPath.startsWith(seeded.township.path))!;
  const scan = (await Attachment.findOne({ where: { ownerKind: "case_file", ownerId: mine.caseFileId } }))!;
  // The demo's scans are one stored file; this matrix reads its uploads from its own folder.
  fsSync.mkdirSync(process.env.UPLOAD_DIR!, { recursive: true });
  fsSync.writeFileSync(path.join(process.env.UPLOAD_DIR!, scan.storedName), "%PDF-1.4 demo scan");
  const review = { id: openReview.id, mine: mine.id, outside: outside.id, scan: { caseId: mine.caseFileId, fileId: scan.id } };
  // demo_mediator's own certificate (the demo gives them none: they apply in a round), from 青山县.
  const own = await issueCertificate(
    { id: (await User.findOne({ where: { username: "demo_county" } }))!.id, scopes: [(await getOrgScope(seeded.county1.id))!] },
    {
      mediatorId: (await Mediator.findOne({ where: { userId: seeded.mediatorUser.id } }))!.id,
      level: "level4",
      levelName: "四级调解员",
      issuerOrgUnitId: seeded.county1.id,
      issuedOn: "2026-01-10",
      validUntil: "2028-01-09",
    },
  );
  // One county 2 issued itself (the city issues the higher levels): picked by issuer, not by row order,
  // which follows the org paths' text and so the ids (Galera hands them out in steps of three).
  const inCounty2 = (await Certificate.findOne({
    where: { holderOrgPath: { [Op.startsWith]: seeded.county2.path }, status: "valid", issuerOrgUnitId: seeded.county2.id },
    order: [["id", "ASC"]],
  }))!;
  const certs = { own: { id: own.id, code: own.code }, county2: { id: inCounty2.id } };
  const roundAt = async (org: { id: number; path: string }, title: string) =>
    (
      await EvaluationRound.create({
        orgUnitId: org.id,
        orgPath: org.path,
        title,
        levels: ["level3", "level4"],
        periodFrom: "2024-01-01",
        periodTo: "2025-12-31",
        applicationsFrom: "2026-11-01",
        applicationsUntil: "2026-12-31",
        reviewsUntil: "2027-01-31",
        createdBy: null,
      })
    ).id;
  const rounds = { county1: await roundAt(seeded.county1, "矩阵测试批次一"), county2: await roundAt(seeded.county2, "矩阵测试批次二") };
  // 青山县's grade evaluation round, and demo_mediator's draft application in it with one evidence file.
  const countyAdmin = {
    id: (await User.findOne({ where: { username: "demo_county" } }))!.id,
    scopes: [(await getOrgScope(seeded.county1.id))!],
  };
  const today = todayInChina();
  const opened = await createRound(countyAdmin, seeded.county1.id, {
    title: "矩阵测试评定批次",
    levels: ["level3", "level4"],
    periodFrom: "2024-01-01",
    periodTo: "2025-12-31",
    applicationsFrom: addDays(today, -1),
    applicationsUntil: addDays(today, 10),
    reviewsUntil: addDays(today, 30),
    announcementDays: 7,
    validityYears: 2,
    combine: "mean",
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  const applicant = (await Mediator.findOne({ where: { userId: seeded.mediatorUser.id } }))!;
  const started = await startApplication({ id: seeded.mediatorUser.id }, opened.round.id, applicant.id, "level4");
  if (!started.ok) throw new Error(started.error);
  const drafted = await saveApplication(
    { id: seeded.mediatorUser.id },
    started.application.id,
    { intent: "save", level: "level4", evidence: { c2: "本人承诺。" } },
    { 2: [{ name: "承诺书.pdf", bytes: new TextEncoder().encode("%PDF-1.4 pledge") }] },
  );
  if (!drafted.ok) throw new Error(drafted.error);
  const [pledge] = await listAttachments("application", started.application.id);
  const round = { id: opened.round.id, application: started.application.id, fileId: pledge.id };
  // Two rounds of 青山县: one under review with demo_reviewer on its panel and an application at the panel, one announced.
  const day = todayInChina();
  const roundFields = {
    orgUnitId: seeded.county1.id,
    orgPath: seeded.county1.path,
    levels: ["level3", "level4"],
    periodFrom: "2024-01-01",
    periodTo: "2025-12-31",
    applicationsFrom: addDays(day, -60),
    applicationsUntil: addDays(day, -30),
    reviewsUntil: addDays(day, 10),
    createdBy: null,
  };
  const reviewing = await EvaluationRound.create({ ...roundFields, title: "矩阵测试评定批次", state: "reviewing" });
  const announced = await EvaluationRound.create({
    ...roundFields,
    title: "矩阵测试公示批次",
    state: "announcing",
    announcedOn: day,
    objectionsUntil: addDays(day, 6),
  });
  const panelApplicant = seeded.county1Mediator;
  const application = await RoundApplication.create({
    roundId: reviewing.id,
    mediatorId: panelApplicant.id,
    userId: panelApplicant.userId,
    committeeId: panelApplicant.orgUnitId,
    orgPath: panelApplicant.orgPath,
    level: "level4",
    levelBefore: null,
    stage: "panel",
  });
  await RoundReviewer.create({ roundId: reviewing.id, userId: reviewer.id });
  const panel = { reviewing: reviewing.id, announced: announced.id, application: application.id };
  const cityExpert = (await Expert.findOne({ where: { name: "林文远" } }))!;
  const countyExpert = (await Expert.findOne({ where: { state: "listed", orgPath: seeded.county1.path } }))!;
  const thread = (await Consultation.findOne({ where: { askerUserId: seeded.mediatorUser.id }, order: [["id", "ASC"]] }))!;
  const roomWith = async (status: string) => (await MediationRoom.findOne({ where: { status }, order: [["id", "ASC"]] }))!;
  const rooms = {
    named: (await roomWith("named")).slug,
    withdrawn: (await roomWith("withdrawn")).slug,
    consented: (await roomWith("committee_consented")).id,
    submitted: (await roomWith("submitted")).id,
  };
  ids = {
    ...seeded,
    experts: { city: cityExpert.id, county: countyExpert.id, thread: thread.id },
    rooms,
    round,
    cases,
    rounds,
    panel,
    review,
    certs,
    target: created.user,
    log: { id: saved.log.id, fileId: file[0].id },
    event: { id: event.id, fileId: (await listAttachments("event", event.id))[0].id },
    assignment: { id: assignment.id },
    attempt: { id: attempt.attemptId },
    exam: { id: scheduled.id, quizId: examQuizId(scheduled.id) },
    rubric: { id: rubric.id },
    exercise: { id: exercise.exercise.id, fileId: (await listAttachments("exercise", exercise.exercise.id))[0].id },
    submission: { id: submitted.submission.id, fileId: submissionFile.id },
  };
});
afterAll(async () => {
  await db.drop();
  if (process.env.UPLOAD_DIR) fsSync.rmSync(process.env.UPLOAD_DIR, { recursive: true, force: true });
});

/**
 * Routes that answer without asking the permission table, by decision: the brochure, health,
 * language, sign-in and sign-out, and the course catalogue and overview (public; a signed-in
 * visitor's progress is read from the session, and enrolling asks the table).
 */
const PUBLIC = [
  "_index.tsx",
  "healthz.ts",
  "language.ts",
  "login.tsx",
  "logout.ts",
  "courses._index.tsx",
  "verify._index.ts",
  "verify.$code.ts",
  "announcements.$roundId.tsx",
  "experts._index.tsx",
  "rooms._index.ts",
  "rooms.$slug._index.ts",
  "rooms.$slug.plaque.ts",
  "rooms.$slug.images.$name.ts",
];
const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
const routeFiles = fs.readdirSync(ROUTES_DIR);
/** The actions a route's loader and action ask for, read from its source (a file download asks its owner's read action). */
const actionsAsked = (file: string) => {
  const source = fs.readFileSync(path.join(ROUTES_DIR, file), "utf8");
  return [
    ...[...source.matchAll(/require(?:Access|ComplianceTarget|Can)\((?:request|user), "([a-z:-]+)"/g)].map((m) => m[1]),
    ...[...source.matchAll(/serveAttachment\(request, "([a-z_]+)"/g)].map(
      (m) => ATTACHMENT_OWNERS[m[1] as OwnerKind]?.action ?? `attachment owner ${m[1]}`,
    ),
  ];
};

describe("access-control matrix", () => {
  it("lists every route file, in the matrix or the public list", () => {
    const covered = new Set([...ROUTES.map((r) => r.file)]);
    expect(routeFiles.filter((f) => !covered.has(f))).toEqual([]);
    expect(PUBLIC.filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  it("every route that is not public asks the permission table, for actions the table knows", () => {
    const unguarded = routeFiles.filter((f) => !PUBLIC.includes(f) && actionsAsked(f).length === 0);
    expect(unguarded).toEqual([]);
    const unknown = routeFiles.flatMap((f) =>
      actionsAsked(f)
        .filter((a) => !(a in ACCESS))
        .map((a) => `${f}: ${a}`),
    );
    expect(unknown).toEqual([]);
  });

  it("public routes ask nothing of the table", () => {
    expect(PUBLIC.filter((f) => actionsAsked(f).length > 0)).toEqual([]);
  });

  const cases = ROUTES.flatMap((route) => (Object.keys(PERSONAS) as Persona[]).map((persona) => [route.name, persona, route] as const));
  it.each(cases)("%s as %s", async (_name, persona, route) => {
    const { fn, url, params, form } = route.call(ids);
    const outcome = await callRoute(fn, { url, params, form, cookie: ids.cookies[persona] });
    const expected = route.expect[persona];
    if (expected === "redirect") {
      expect(typeof outcome.status === "number" && outcome.status >= 300 && outcome.status < 400).toBe(true);
    } else {
      expect(outcome.status).toBe(expected);
    }
  });

  it("the public verify page shows the masked name and none of the holder's private data", async () => {
    const holder = (await Mediator.findOne({ where: { userId: ids.mediatorUser.id }, include: ["committee"] }))!;
    const request = new Request(`${BASE}/verify/${ids.certs.own.code}`);
    const html = await ((await verifyCode.loader({ request, params: { code: ids.certs.own.code }, context: {} })) as Response).text();
    expect(html).toContain("有效");
    expect(html).not.toContain(holder.name);
    expect(html).not.toContain(holder.phone!);
    expect(html).not.toContain((holder.get("committee") as { name: string }).name);
    expect(html).not.toContain("demo_mediator");
  });

  it("我的档案 offers demo_mediator the public link to their current level", async () => {
    const outcome = await callRoute(me.loader as any, { url: "/me", cookie: ids.cookies.mediator });
    const body = outcome.body as Awaited<ReturnType<typeof me.loader>>;
    expect(body.shareUrl).toBe(`${BASE}${verifyPath(ids.certs.own.code)}`);
    expect(body.certificates.map((c) => c.status)).toContain("valid");
  });

  it("never changed a mediator of another subtree", async () => {
    const other = (await Mediator.findByPk(ids.county2Mediator.id))!;
    // Only county 2's own admin and the sysadmin were allowed to suspend them.
    expect(other.status).toBe("suspended");
  });
});

describe("list pages show only the admin's own subtree", () => {
  it("a township admin's roster holds only mediators under the township", async () => {
    const outcome = await callRoute(rosterList.loader as any, { url: "/roster?page=1", cookie: ids.cookies.township });
    const page = (outcome.body as Awaited<ReturnType<typeof rosterList.loader>>).page;
    expect(page.total).toBeGreaterThan(0);
    const townshipCommittees = [
      "城关镇人民调解委员会",
      "东门社区人民调解委员会",
      "桥头村人民调解委员会",
      "青山县人民法院城关法庭诉前调解室",
      "城关镇信访调解室",
    ];
    for (const row of page.rows) expect(townshipCommittees).toContain(row.committee);
  });

  it("a county admin's account list holds no account of the other county", async () => {
    const outcome = await callRoute(adminUsers.loader as any, { url: "/admin/users", cookie: ids.cookies.county });
    const usernames = (outcome.body as { rows: { username: string }[] }).rows.map((r) => r.username);
    expect(usernames).toContain("demo_mediator");
    expect(usernames).not.toContain("demo_county2");
    expect(usernames).not.toContain("demo_city");
  });
});
