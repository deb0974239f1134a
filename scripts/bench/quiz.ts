/**
 * 500 candidates start, answer and submit a quiz at the same moment against the built server.
 * Starts `scripts/start.ts` on a fresh MariaDB/MySQL database (DATABASE_URL names the server;
 * default mysql://root@127.0.0.1:3306), creates the candidates with sessions, then:
 *   1. all start the timed practice quiz at once (POST /quizzes/practice-mixed),
 *   2. each autosaves every answer, one request per question, all candidates at once,
 *   3. each submits twice at once (a double click), all candidates at once,
 * and prints p50/p95 per step and the check that every attempt was graded exactly once with every
 * saved answer kept. Needs `npm run build` first.
 *   npx tsx scripts/bench/quiz.ts          (BENCH_CANDIDATES=500 by default)
 * BENCH_RAMP_SECONDS=n spreads each step's first request over n seconds (default 0: all at once);
 * BENCH_AUTOSAVES=n autosaves only each candidate's first n answers (the exam-start storm:
 *   BENCH_CANDIDATES=3000 BENCH_AUTOSAVES=2).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { ContentBundle } from "../../app/lib/course";
import { stormTarget, percentile as pct, signedInMediators } from "../lib/bench-people";

const root = path.resolve(import.meta.dirname, "../..");
const candidates = Number(process.env.BENCH_CANDIDATES ?? 500);
/** Answers each candidate autosaves (default: every question); the 3,000-taker storm saves a few. */
const autosaves = Number(process.env.BENCH_AUTOSAVES ?? Infinity);
const QUIZ = "practice-mixed";
const rampMs = Number(process.env.BENCH_RAMP_SECONDS ?? 0) * 1000;
/** Waits until candidate i's turn when the step is spread over the ramp. */
const arrive = (i: number) => (rampMs ? new Promise((r) => setTimeout(r, (rampMs * i) / candidates)) : Promise.resolve());

const target = await stormTarget("academy_bench_quiz");
const origin = target.origin;

const fmt = (name: string, xs: number[]) =>
  `${name.padEnd(30)} n=${String(xs.length).padStart(5)}   p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 95).toFixed(0).padStart(5)} ms   max ${Math.max(
    ...xs,
  )
    .toFixed(0)
    .padStart(5)} ms`;

async function timed(url: string, cookie: string, form: URLSearchParams) {
  const t = performance.now();
  try {
    const res = await fetch(url, { method: "POST", body: form, redirect: "manual", headers: { Cookie: cookie, Origin: origin } });
    await res.arrayBuffer();
    return { ms: performance.now() - t, status: res.status, location: res.headers.get("location") };
  } catch {
    // A refused or reset connection is an error like a 5xx, not the end of the run.
    return { ms: performance.now() - t, status: 0, location: null };
  }
}

try {
  // The candidates: accounts with mediator records in one committee, each with a session.
  const { closeSequelize } = await import("../../app/.server/db/connection");
  const { QuizAttempt, QuizAttemptItem } = await import("../../app/.server/db/models");
  const { users, cookies } = await signedInMediators(candidates, origin);
  const bundle: ContentBundle = JSON.parse(fs.readFileSync(path.join(root, "build/content/courses.json"), "utf8"));
  const key = new Map(bundle.questions.map((q) => [q.id, q]));

  let healthErrors = 0;
  const refusedAs = new Map<string, number>(); // "step status" → count, for the refused requests
  // 0. Reference: the same burst against /healthz (one database round trip, no page), for scale.
  const health = await Promise.all(
    cookies.map(async (_, i) => {
      await arrive(i);
      const t = performance.now();
      await fetch(`${origin}/healthz`)
        .then((r) => r.arrayBuffer())
        .catch(() => (healthErrors += 1));
      return performance.now() - t;
    }),
  );

  // 1. Everyone starts at once.
  let stepStarted = performance.now();
  const starts = await Promise.all(
    cookies.map(async (c, i) => (await arrive(i), timed(`${origin}/quizzes/${QUIZ}`, c, new URLSearchParams()))),
  );
  const startWall = performance.now() - stepStarted;
  const attemptIds = starts.map((s) => Number(/\/quizzes\/attempts\/(\d+)$/.exec(s.location ?? "")?.[1]));
  const badStarts = starts.filter((s) => s.status !== 302 || !s.location?.includes("/quizzes/attempts/")).length;

  // 2. Everyone autosaves each answer, one question after another.
  const items = await QuizAttemptItem.findAll({ where: { attemptId: attemptIds.filter(Boolean) }, order: [["position", "ASC"]] });
  const tried = new Set<number>(); // item ids an autosave was sent for
  const sent = new Map<number, string>(); // item id → the answer sent, as stored (option ids, sorted)
  const saveTimes: number[] = [];
  let badSaves = 0;
  await Promise.all(
    attemptIds.map(async (attemptId, i) => {
      await arrive(i);
      for (const item of items.filter((it) => it.attemptId === attemptId).slice(0, autosaves)) {
        tried.add(item.id);
        const q = key.get(item.questionId)!;
        const ids = q.type === "true_false" ? q.answer : crypto.randomInt(4) === 0 ? item.optionOrder.slice(0, 1) : q.answer;
        const tokens = q.type === "true_false" ? ids : ids.map((id) => String(item.optionOrder.indexOf(id)));
        // As the browser's fetcher sends it: a single-fetch action request, no page rendered.
        const form = new URLSearchParams({ intent: "answer", autosave: "1", present: String(item.position) });
        for (const t of tokens) form.append(`q${item.position}`, t);
        const r = await timed(`${origin}/quizzes/attempts/${attemptId}.data?index`, cookies[i], form);
        saveTimes.push(r.ms);
        if (r.status === 200) sent.set(item.id, JSON.stringify([...ids].sort()));
        else {
          badSaves++;
          refusedAs.set(`save ${r.status}`, (refusedAs.get(`save ${r.status}`) ?? 0) + 1);
        }
      }
    }),
  );

  // 3. Everyone submits twice at once.
  stepStarted = performance.now();
  const submits = await Promise.all(
    attemptIds.flatMap((attemptId, i) =>
      [0, 1].map(
        async () => (
          await arrive(i),
          timed(`${origin}/quizzes/attempts/${attemptId}`, cookies[i], new URLSearchParams({ intent: "submit" }))
        ),
      ),
    ),
  );
  const submitWall = performance.now() - stepStarted;
  const badSubmits = submits.filter((s) => s.status !== 302 || !s.location?.endsWith("/result")).length;
  for (const s of submits.filter((s) => s.status !== 302 || !s.location?.endsWith("/result")))
    refusedAs.set(`submit ${s.status}`, (refusedAs.get(`submit ${s.status}`) ?? 0) + 1);

  // Checks, read back from the database.
  const attempts = await QuizAttempt.findAll({ where: { quizId: QUIZ, userId: users.map((u) => u.id) } });
  const stored = await QuizAttemptItem.findAll({ where: { attemptId: attemptIds.filter(Boolean) } });
  const gradedOnce = attempts.filter((a) => a.state === "graded" && a.gradings === 1).length;
  const lost = stored.filter((it) => sent.has(it.id) && JSON.stringify(it.answer) !== sent.get(it.id)).length;
  const missing = stored.filter((it) => tried.has(it.id) && !sent.has(it.id)).length;

  const when = rampMs ? `arriving over ${rampMs / 1000} s per step` : "all at once";
  console.log(`${candidates} candidates ${when}, ${target.where} (${QUIZ}, ${items.length / candidates} questions each)`);
  console.log(`${fmt("reference: GET /healthz", health)}   errors ${healthErrors}`);
  console.log(
    fmt(
      "start (POST, redirect)",
      starts.map((s) => s.ms),
    ),
  );
  console.log(fmt("autosave one answer", saveTimes));
  console.log(
    fmt(
      "submit (each sent twice)",
      submits.map((s) => s.ms),
    ),
  );
  console.log(
    `all starts answered ${(startWall / 1000).toFixed(1)} s after the first was sent (target < 10 s); all submits ${(submitWall / 1000).toFixed(1)} s (target < 60 s)`,
  );
  console.log(
    `attempts: ${attempts.length} for ${candidates} candidates; graded exactly once: ${gradedOnce}; refused starts ${badStarts}, saves ${badSaves}, submits ${badSubmits}`,
  );
  if (refusedAs.size) console.log(`refused as: ${[...refusedAs].map(([k, n]) => `${k} × ${n}`).join(", ")}`);
  console.log(`answers: ${sent.size} saved, ${lost} lost or changed, ${missing} never acknowledged`);
  const ok =
    attempts.length === candidates && gradedOnce === candidates && lost === 0 && missing === 0 && badStarts + badSaves + badSubmits === 0;
  console.log(ok ? "check: every attempt graded exactly once, no answer lost" : "check: FAILED");
  await closeSequelize();
  process.exitCode = ok ? 0 : 1;
} finally {
  await target.stop();
}
