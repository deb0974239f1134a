import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { matchesRule, questionSchema, quizSchema, type Question, type Quiz } from "../../../app/lib/quiz";
import { examIdOf } from "../../../app/lib/exam";
import type { LawTable } from "./law-table";

export class BankError extends Error {}

const BANK_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.ya?ml$/;

function fail(file: string, issues: z.ZodIssue[], prefix = "") {
  const issue = issues[0];
  throw new BankError(`${file}: ${prefix}field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
}

function readYaml(file: string): unknown {
  try {
    return parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new BankError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

/** The version of a question: a hash of everything that decides how it is shown and scored. */
export function questionVersion(q: Omit<Question, "version" | "bank">): string {
  const canonical = JSON.stringify([q.type, q.category, q.difficulty, q.stem, q.options, q.answer, q.reference, q.explanation, q.law]);
  return crypto.createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

/** Reads and validates content/questions/*.yaml: ids unique across banks, cited articles in the law table. */
export function loadQuestions(contentDir: string, table: LawTable): Question[] {
  const dir = path.join(contentDir, "questions");
  if (!fs.existsSync(dir)) return [];
  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    const match = BANK_FILE.exec(name);
    if (!match) throw new BankError(`${file}: bank files are named <bank>.yaml`);
    const data = readYaml(file);
    if (!Array.isArray(data)) throw new BankError(`${file}: a bank is a YAML list of questions`);
    data.forEach((raw, i) => {
      const parsed = questionSchema.safeParse(raw);
      const label = `question ${i + 1}${raw && typeof raw === "object" && "id" in raw ? ` (${String(raw.id)})` : ""}: `;
      if (!parsed.success) fail(file, parsed.error.issues, label);
      const q = parsed.data!;
      if (seen.has(q.id)) throw new BankError(`${file}: ${label}id also used in ${seen.get(q.id)}`);
      seen.set(q.id, file);
      for (const ref of q.law) {
        // A law we hold the text of must have the article in the table; a law listed without
        // articles (one whose text we do not keep) is cited by name and number only.
        const law = table[ref.law];
        const known = law && Object.keys(law.articles).length > 0;
        if (!law || (known && !law.articles[String(ref.article)])) {
          throw new BankError(`${file}: ${label}cites ${ref.law} article ${ref.article}, which is not in content/law/articles.json`);
        }
      }
      const body = {
        id: q.id,
        type: q.type,
        category: q.category,
        difficulty: q.difficulty,
        stem: q.stem,
        options: q.options ?? [],
        answer: q.type === "true_false" ? [String(q.answer)] : Array.isArray(q.answer) ? [...q.answer].sort() : [],
        reference: q.reference ? q.reference : null,
        explanation: q.explanation,
        law: q.law,
      };
      questions.push({ ...body, bank: match[1], version: questionVersion(body) });
    });
  }
  return questions;
}

/** Reads content/quizzes/*.yaml; every draw rule must be satisfiable even after the rules before it took their share. */
export function loadQuizzes(contentDir: string, questions: Question[], courseSlugs: string[]): Quiz[] {
  const dir = path.join(contentDir, "quizzes");
  if (!fs.existsSync(dir)) return [];
  const quizzes: Quiz[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    const match = BANK_FILE.exec(name);
    if (!match) throw new BankError(`${file}: quiz files are named <quiz-id>.yaml`);
    if (examIdOf(match[1]) !== null) throw new BankError(`${file}: quiz ids exam-<number> belong to the exams bureaus schedule in the browser`);
    const parsed = quizSchema.safeParse(readYaml(file));
    if (!parsed.success) fail(file, parsed.error.issues);
    const quiz = parsed.data!;
    if (quiz.course && !courseSlugs.includes(quiz.course)) throw new BankError(`${file}: field "course": no course "${quiz.course}"`);
    if (quiz.course && quizzes.some((q) => q.course === quiz.course)) throw new BankError(`${file}: course "${quiz.course}" already has a quiz`);
    const pools = quiz.draw.map((rule) => new Set(questions.filter((q) => matchesRule(q, rule)).map((q) => q.id)));
    quiz.draw.forEach((rule, i) => {
      const taken = quiz.draw.slice(0, i).reduce((n, r, j) => n + ([...pools[j]].some((id) => pools[i].has(id)) ? r.count : 0), 0);
      if (pools[i].size - taken < rule.count) {
        throw new BankError(`${file}: field "draw.${i}": asks for ${rule.count} questions but only ${pools[i].size - taken} can be drawn`);
      }
    });
    quizzes.push({
      ...quiz,
      id: match[1],
      opensAt: quiz.opensAt ?? null,
      closesAt: quiz.closesAt ?? null,
      questionCount: quiz.draw.reduce((n, r) => n + r.count, 0),
    });
  }
  return quizzes;
}
