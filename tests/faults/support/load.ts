/**
 * The fault suite's mixed load and its verifier. Clients are mediators (quiz: start, autosave
 * every answer, submit; check in at an event happening now) and a county admin (verify practical
 * training logs, edit roster records). Every request is recorded with what the client was told;
 * `verifyStored` then compares that with what the database holds: each acknowledged write is there
 * exactly once, nothing unacknowledged is there half-written, and the ledger summaries agree with
 * the ledger.
 */
import crypto from "node:crypto";
import { Op } from "sequelize";
import {
  EventRegistration,
  Mediator,
  OrgUnit,
  QuizAttempt,
  QuizAttemptItem,
  TrainingEvent,
  TrainingLog,
  TrainingRecord,
  User,
} from "~/.server/db/models";
import { addMediators } from "~/.server/roster/entries";
import { createSession } from "~/.server/web/session";
import { compareStats } from "~/.server/training/stats";

export const QUIZ = "practice-mixed";

export type Candidate = { userId: number; mediatorId: number; cookie: string; name: string };
export type Fixture = {
  candidates: Candidate[];
  admin: { userId: number; cookie: string };
  committeeId: number;
  eventId: number;
  logIds: number[];
  /** The phone each candidate's roster record had before the load. */
  initialPhone: Map<number, string>;
};

/** Mediators in one committee of 青山县 with sessions, an event running now, submitted logs, the county admin's session. */
export async function createFixture(origin: string, count: number, logsEach: number): Promise<Fixture> {
  const county = (await OrgUnit.findOne({ where: { name: "青山县" } }))!;
  const committee = (await OrgUnit.findOne({
    where: { kind: "committee", path: { [Op.like]: `${county.path}%` } },
    order: [["id", "ASC"]],
  }))!;
  const tag = crypto.randomBytes(3).toString("hex");
  const users = await User.bulkCreate(
    Array.from({ length: count }, (_, i) => ({
      username: `faults_${tag}_${i}`,
      displayName: `故障测试${i + 1}`,
      passwordHash: "-",
      passwordChangedAt: null,
      phone: null,
    })),
  );
  const mediators = await addMediators(
    users.map((u, i) => ({
      orgUnitId: committee.id,
      orgPath: committee.path,
      name: `故障测试${tag}${i + 1}`,
      gender: "male" as const,
      employment: "part_time" as const,
      birthYear: 1980,
      appointedOn: "2020-01-01",
      phone: `1390${String(i).padStart(7, "0")}`,
      userId: u.id,
    })),
  );
  const request = new Request(origin);
  const cookie = async (userId: number) => (await createSession(userId, request)).split(";")[0];
  const candidates: Candidate[] = [];
  for (const [i, u] of users.entries()) {
    candidates.push({ userId: u.id, mediatorId: mediators[i].id, cookie: await cookie(u.id), name: mediators[i].name });
  }
  const adminUser = (await User.findOne({ where: { username: "demo_county" } }))!;
  const event = await TrainingEvent.create({
    orgUnitId: county.id,
    audienceOrgUnitId: county.id,
    createdBy: adminUser.id,
    title: `故障测试培训 ${tag}`,
    form: "lecture",
    kind: "annual",
    startsAt: new Date(Date.now() - 10 * 60_000),
    endsAt: new Date(Date.now() + 3 * 3600_000),
    hours: 2,
    place: "青山县司法局三楼会议室",
    capacity: 500,
    description: null,
  });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const logs = await TrainingLog.bulkCreate(
    mediators.flatMap((m, i) =>
      Array.from({ length: logsEach }, () => ({
        mediatorId: m.id,
        authorUserId: users[i].id,
        orgPath: m.orgPath,
        type: "observation" as const,
        occurredOn: yesterday,
        hours: 1,
        place: "邻村人民调解委员会调解室",
        supervisorUserId: null,
        supervisorName: "司法所所长",
        reflection: "观摩了一起相邻关系纠纷的现场调解。",
        status: "submitted" as const,
        submittedAt: new Date(),
      })),
    ),
  );
  return {
    candidates,
    admin: { userId: adminUser.id, cookie: await cookie(adminUser.id) },
    committeeId: committee.id,
    eventId: event.id,
    logIds: logs.map((l) => l.id),
    initialPhone: new Map(mediators.map((m) => [m.id, m.phone!])),
  };
}

/** The check-in code shown at the venue (app/.server/events/checkin-code.ts), from the server's APP_SECRET. */
export function checkinCodeFor(secret: string, eventId: number, at = Date.now()) {
  const window = Math.floor(at / 60_000);
  const digest = crypto.createHmac("sha256", secret).update(`checkin:${eventId}:${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, "0");
}

export type Outcome = "ack" | "unavailable" | "draining" | "network" | "unexpected";
export type Call = {
  kind: "start" | "page" | "autosave" | "submit" | "checkin" | "verify" | "edit";
  sentAt: number;
  doneAt: number;
  outcome: Outcome;
  status?: number;
  detail?: string;
};
export type Journal = {
  calls: Call[];
  autosaves: { attemptId: number; position: number; value: string; acked: boolean }[];
  submits: { attemptId: number; acked: boolean }[];
  checkins: { userId: number; acked: boolean }[];
  verifies: { ids: number[]; acked: boolean }[];
  edits: { mediatorId: number; phone: string; acked: boolean }[];
};
export const newJournal = (): Journal => ({ calls: [], autosaves: [], submits: [], checkins: [], verifies: [], edits: [] });

type Sent = { status?: number; location: string | null; body: string; outcome: Outcome; detail?: string };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Load {
  stopped = false;
  constructor(
    readonly origin: string,
    readonly fixture: Fixture,
    readonly journal: Journal,
    readonly secret: string,
  ) {}

  private async send(
    kind: Call["kind"],
    path: string,
    cookie: string,
    form: URLSearchParams | null,
    acked: (status: number, location: string | null) => boolean,
  ): Promise<Sent> {
    const sentAt = Date.now();
    let result: Sent;
    try {
      const response = await fetch(`${this.origin}${path}`, {
        method: form ? "POST" : "GET",
        body: form ?? undefined,
        redirect: "manual",
        headers: { Cookie: cookie, Origin: this.origin },
        signal: AbortSignal.timeout(60_000),
      });
      const body = await response.text();
      const location = response.headers.get("location");
      const retryAfter = Boolean(response.headers.get("retry-after"));
      let outcome: Outcome;
      if (acked(response.status, location)) outcome = "ack";
      else if (response.status === 503 && retryAfter && /重启|restarting/.test(body)) outcome = "draining";
      // A document answers 503; a fetcher's data request (.data) is told to reload the document (202 + reload).
      else if ((response.status === 503 || response.status === 202) && retryAfter) outcome = "unavailable";
      else outcome = "unexpected";
      result = { status: response.status, location, body, outcome, detail: outcome === "unexpected" ? body.slice(0, 300) : undefined };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      result = { location: null, body: "", outcome: "network", detail: cause?.code ?? String(error) };
    }
    this.journal.calls.push({ kind, sentAt, doneAt: Date.now(), outcome: result.outcome, status: result.status, detail: result.detail });
    return result;
  }

  /** A mediator: checks in once, then takes the practice quiz again and again (start, autosave each answer, submit). */
  async candidate(c: Candidate) {
    let checkedIn = false;
    while (!this.stopped) {
      if (!checkedIn) {
        const form = new URLSearchParams({ code: checkinCodeFor(this.secret, this.fixture.eventId) });
        const r = await this.send(
          "checkin",
          `/events/${this.fixture.eventId}/attend`,
          c.cookie,
          form,
          (s, l) => s === 302 && l === `/events/${this.fixture.eventId}`,
        );
        this.journal.checkins.push({ userId: c.userId, acked: r.outcome === "ack" });
        checkedIn = r.outcome === "ack";
      }
      const start = await this.send("start", `/quizzes/${QUIZ}`, c.cookie, new URLSearchParams(), (s, l) =>
        Boolean(s === 302 && l && /^\/quizzes\/attempts\/\d+$/.test(l)),
      );
      if (start.outcome !== "ack") {
        await pause(200);
        continue;
      }
      const attemptId = Number(start.location!.split("/").pop());
      const page = await this.send("page", `/quizzes/attempts/${attemptId}`, c.cookie, null, (s) => s === 200);
      if (page.outcome !== "ack") {
        await pause(200);
        continue;
      }
      for (const [position, value] of answersOnPage(page.body)) {
        if (this.stopped) return;
        const form = new URLSearchParams({ intent: "answer", autosave: "1", present: String(position), [`q${position}`]: value });
        const r = await this.send("autosave", `/quizzes/attempts/${attemptId}.data?index`, c.cookie, form, (s) => s === 200);
        this.journal.autosaves.push({ attemptId, position, value, acked: r.outcome === "ack" });
      }
      if (this.stopped) return;
      const r = await this.send(
        "submit",
        `/quizzes/attempts/${attemptId}`,
        c.cookie,
        new URLSearchParams({ intent: "submit" }),
        (s, l) => s === 302 && l === `/quizzes/attempts/${attemptId}/result`,
      );
      this.journal.submits.push({ attemptId, acked: r.outcome === "ack" });
    }
  }

  /** The county admin verifies the logs two at a time; a batch not acknowledged goes back into the queue. */
  async verifier() {
    const queue = [...this.fixture.logIds];
    while (!this.stopped && queue.length) {
      const ids = queue.splice(0, 2);
      const form = new URLSearchParams();
      for (const id of ids) form.append("id", String(id));
      const r = await this.send("verify", "/training/verify", this.fixture.admin.cookie, form, (s, l) =>
        Boolean(s === 302 && l?.startsWith("/training/verify?verified=")),
      );
      this.journal.verifies.push({ ids, acked: r.outcome === "ack" });
      if (r.outcome !== "ack") queue.push(...ids);
      await pause(100);
    }
  }

  /** The county admin edits the candidates' roster records in turn: a new phone number each time. */
  async editor() {
    let n = 0;
    while (!this.stopped) {
      const c = this.fixture.candidates[n % this.fixture.candidates.length];
      const phone = `1380${String(++n).padStart(7, "0")}`;
      const form = new URLSearchParams({
        name: c.name,
        gender: "male",
        birthYear: "1980",
        phone,
        orgUnitId: String(this.fixture.committeeId),
        employment: "part_time",
        appointedOn: "2020-01-01",
      });
      const r = await this.send("edit", `/roster/${c.mediatorId}/edit`, this.fixture.admin.cookie, form, (s, l) => {
        return s === 302 && l === `/roster/${c.mediatorId}`;
      });
      this.journal.edits.push({ mediatorId: c.mediatorId, phone, acked: r.outcome === "ack" });
      await pause(50);
    }
  }

  /** Runs every client until stop(); resolves when all have finished their current request. */
  run(): Promise<void> {
    return Promise.all([...this.fixture.candidates.map((c) => this.candidate(c)), this.verifier(), this.editor()]).then(() => undefined);
  }

  stop() {
    this.stopped = true;
  }
}

/** The first option of every question on an attempt page (radio/checkbox value), or a text for a written one. */
export function answersOnPage(html: string): [number, string][] {
  const answers = new Map<number, string>();
  for (const tag of html.match(/<(input|textarea)\b[^>]*>/g) ?? []) {
    const name = /\bname="q(\d+)"/.exec(tag)?.[1];
    if (!name || answers.has(Number(name))) continue;
    if (tag.startsWith("<textarea")) answers.set(Number(name), "先核实事实，再分别听取双方意见。");
    else {
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      if (value !== undefined && /type="(radio|checkbox)"/.test(tag)) answers.set(Number(name), value);
    }
  }
  return [...answers.entries()];
}

/** What the server stores for a value the client sent (app/.server/quizzes/attempts.ts parseAnswer). */
function storedFor(value: string, optionOrder: string[]): string[] {
  if (value === "true" || value === "false") return [value];
  if (/^\d{1,2}$/.test(value)) return [optionOrder[Number(value)]];
  return [value];
}

/** Every difference between what the clients were told and what is stored; empty when they agree. */
export async function verifyStored(fixture: Fixture, journal: Journal): Promise<string[]> {
  const problems: string[] = [];
  const userIds = fixture.candidates.map((c) => c.userId);

  // Quiz answers: an acknowledged autosave is stored as sent; an unacknowledged one is either stored as sent or not at all.
  const attemptIds = [...new Set(journal.autosaves.map((a) => a.attemptId))];
  const items = await QuizAttemptItem.findAll({ where: { attemptId: attemptIds } });
  const item = new Map(items.map((i) => [`${i.attemptId}:${i.position}`, i]));
  for (const a of journal.autosaves) {
    const stored = item.get(`${a.attemptId}:${a.position}`);
    if (!stored) {
      problems.push(`attempt ${a.attemptId} has no item ${a.position}`);
      continue;
    }
    const want = JSON.stringify(storedFor(a.value, stored.optionOrder));
    const have = JSON.stringify(stored.answer);
    const acceptable =
      a.acked || journal.autosaves.some((b) => b !== a && b.attemptId === a.attemptId && b.position === a.position && b.acked);
    if (have !== want && (acceptable || stored.answer !== null)) {
      problems.push(`attempt ${a.attemptId} q${a.position}: ${a.acked ? "acknowledged" : "unacknowledged"} ${want}, stored ${have}`);
    }
  }
  // Submits: acknowledged means graded exactly once; no attempt is ever graded twice or left graded without a score.
  const attempts = await QuizAttempt.findAll({ where: { userId: userIds, quizId: QUIZ } });
  const attempt = new Map(attempts.map((a) => [a.id, a]));
  for (const s of journal.submits.filter((s) => s.acked)) {
    const a = attempt.get(s.attemptId);
    if (!a || a.state === "in_progress" || a.gradings !== 1) {
      problems.push(`acknowledged submit of attempt ${s.attemptId}: state ${a?.state}, gradings ${a?.gradings}`);
    }
  }
  for (const a of attempts) {
    if (a.gradings > 1) problems.push(`attempt ${a.id} graded ${a.gradings} times`);
    const closed = a.state !== "in_progress";
    if (closed && (a.score === null || a.submittedAt === null)) problems.push(`attempt ${a.id} ${a.state} without score`);
    if (Number(closed) !== a.gradings) problems.push(`attempt ${a.id} is ${a.state} with ${a.gradings} gradings`);
  }
  const open = attempts.filter((a) => a.state === "in_progress");
  for (const userId of userIds) {
    if (open.filter((a) => a.userId === userId).length > 1) problems.push(`user ${userId} has more than one open attempt`);
  }

  // Check-ins: one registration per person, attended ⇔ exactly one ledger line for it.
  const registrations = await EventRegistration.findAll({ where: { eventId: fixture.eventId } });
  const eventLines = await TrainingRecord.findAll({
    where: { source: "event", sourceId: registrations.map((r) => String(r.id)) },
  });
  for (const userId of userIds) {
    const mine = registrations.filter((r) => r.userId === userId);
    if (mine.length > 1) problems.push(`user ${userId} has ${mine.length} registrations`);
    const acked = journal.checkins.some((c) => c.userId === userId && c.acked);
    if (acked && !mine[0]?.attendedAt) problems.push(`acknowledged check-in of user ${userId} not stored`);
  }
  for (const r of registrations) {
    const lines = eventLines.filter((l) => l.sourceId === String(r.id)).length;
    if (lines !== (r.attendedAt ? 1 : 0))
      problems.push(`registration ${r.id} attended=${Boolean(r.attendedAt)} with ${lines} ledger lines`);
  }

  // Log verifications: acknowledged ids verified; verified ⇔ exactly one ledger line, decided by the admin.
  const logs = await TrainingLog.findAll({ where: { id: fixture.logIds } });
  const logLines = await TrainingRecord.findAll({ where: { source: "log", sourceId: fixture.logIds.map(String) } });
  const ackedIds = new Set(journal.verifies.filter((v) => v.acked).flatMap((v) => v.ids));
  for (const log of logs) {
    const lines = logLines.filter((l) => l.sourceId === String(log.id)).length;
    if (ackedIds.has(log.id) && log.status !== "verified") problems.push(`acknowledged verification of log ${log.id}: ${log.status}`);
    if (!["verified", "submitted"].includes(log.status)) problems.push(`log ${log.id} is ${log.status}`);
    if (lines !== (log.status === "verified" ? 1 : 0)) problems.push(`log ${log.id} ${log.status} with ${lines} ledger lines`);
    if (log.status === "verified" && log.decidedBy !== fixture.admin.userId) problems.push(`log ${log.id} verified without its verifier`);
  }

  // Roster edits: the stored phone is the last acknowledged one, or one sent after it (unacknowledged).
  const mediators = await Mediator.findAll({ where: { id: fixture.candidates.map((c) => c.mediatorId) } });
  for (const m of mediators) {
    const mine = journal.edits.filter((e) => e.mediatorId === m.id);
    const last = mine.map((e) => e.acked).lastIndexOf(true);
    const allowed = new Set(mine.slice(Math.max(last, 0)).map((e) => e.phone));
    if (last < 0) allowed.add(fixture.initialPhone.get(m.id)!);
    if (!allowed.has(m.phone ?? "")) problems.push(`mediator ${m.id}: phone ${m.phone}, expected one of ${[...allowed].join(", ")}`);
  }

  // The ledger summaries and rollups agree with the ledger (nothing half-written there either).
  problems.push(...(await compareStats()).map((p) => `stats: ${p}`));
  return problems;
}

/** Counts per kind and outcome, for the test's failure messages and its log. */
export function tally(calls: Call[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of calls) counts[`${c.kind}:${c.outcome}`] = (counts[`${c.kind}:${c.outcome}`] ?? 0) + 1;
  return counts;
}
