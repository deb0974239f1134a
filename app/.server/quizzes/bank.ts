import { Op } from "sequelize";
import type { Question, Quiz } from "~/lib/quiz";
import { getContent } from "../courses/catalog";
import { QuestionVersion } from "../db/models";

/** Quizzes and questions come from the content build (content/quizzes, content/questions). */
export const listQuizzes = (): Quiz[] => getContent().quizzes ?? [];
export const getQuiz = (id: string | undefined): Quiz | undefined => listQuizzes().find((q) => q.id === id);
export const quizOfCourse = (slug: string): Quiz | undefined => listQuizzes().find((q) => q.course === slug);
export const currentQuestions = (): Question[] => getContent().questions ?? [];

const key = (id: string, version: string) => `${id}@${version}`;
let current: { bundle: unknown; byKey: Map<string, Question> } | undefined;
const older = new Map<string, Question>();
let stored: { bundle: unknown; done: Promise<void> } | undefined;

function currentByKey(): Map<string, Question> {
  const bundle = getContent();
  if (current?.bundle !== bundle) current = { bundle, byKey: new Map(currentQuestions().map((q) => [key(q.id, q.version), q])) };
  return current.byKey;
}

/**
 * Keeps every current question version in question_versions (once per content build and process),
 * so an attempt can always be shown and scored with the exact text it was given.
 */
export function ensureQuestionVersions(): Promise<void> {
  const bundle = getContent();
  if (stored?.bundle === bundle) return stored.done;
  const rows = currentQuestions().map((q) => ({ questionId: q.id, version: q.version, body: JSON.stringify(q) }));
  const done = QuestionVersion.bulkCreate(rows, { ignoreDuplicates: true }).then(() => undefined);
  stored = { bundle, done };
  done.catch(() => (stored = undefined));
  return done;
}

/** The question versions an attempt was given: from the current bank when unchanged, else from the database. */
export async function questionsByVersion(items: { questionId: string; questionVersion: string }[]): Promise<Map<string, Question>> {
  const byKey = currentByKey();
  const result = new Map<string, Question>();
  const missing: { questionId: string; version: string }[] = [];
  for (const item of items) {
    const k = key(item.questionId, item.questionVersion);
    const q = byKey.get(k) ?? older.get(k);
    if (q) result.set(k, q);
    else missing.push({ questionId: item.questionId, version: item.questionVersion });
  }
  if (missing.length) {
    const rows = await QuestionVersion.findAll({ where: { [Op.or]: missing } });
    for (const row of rows) {
      const q = JSON.parse(row.body) as Question;
      older.set(key(row.questionId, row.version), q);
      result.set(key(row.questionId, row.version), q);
    }
  }
  return result;
}

export const versionKey = key;
