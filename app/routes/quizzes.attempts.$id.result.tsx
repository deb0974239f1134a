import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { now } from "~/.server/clock";
import { findQuiz } from "~/.server/exams/quiz";
import { ownAttemptTarget, resultView } from "~/.server/quizzes/views";
import { DateTime } from "~/components/DateTime";
import type { ReviewedItem, ShownItem } from "~/lib/quiz-view";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("quiz.title", "title");

/** An attempt's result, owner only, with exactly the review its policy allows now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const at = now();
  const { attempt } = (await requireAccess(request, "attempt:open", (user) => ownAttemptTarget(user.id, id, at))).target;
  if (attempt.state === "in_progress") throw redirect(`/quizzes/attempts/${id}`);
  const quiz = await findQuiz(attempt.quizId);
  return {
    title: quiz?.title ?? attempt.quizId,
    course: quiz?.course ?? null,
    late: new URL(request.url).searchParams.has("late") || attempt.closedBy === "timeout",
    result: await resultView(attempt, at),
  };
}

const LETTERS = "ABCDEFGH";
const isReviewed = (item: ShownItem | ReviewedItem): item is ReviewedItem => "correct" in item;

function Item({ item, index }: { item: ShownItem | ReviewedItem; index: number }) {
  const { t } = useTranslation();
  const reviewed = isReviewed(item) ? item : null;
  const label = (token: string) =>
    item.type === "true_false"
      ? t(`quiz.${token}`)
      : `${LETTERS[Number(token)]}. ${item.options.find((o) => o.token === token)?.text ?? ""}`;
  return (
    <li className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
      <p className="text-xs font-medium text-stone-500">
        {t("quiz.questionNumber", { number: index + 1 })} · {t(`quiz.type.${item.type}`)}
        {reviewed
          ? ` · ${reviewed.score === null ? t("quiz.pending") : t("quiz.points", { score: reviewed.score, points: reviewed.points })}`
          : ""}
      </p>
      <p className="mt-1 whitespace-pre-line">{item.stem}</p>
      {item.withheld ? <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-800">{t("quiz.withheld")}</p> : null}
      {item.type === "short" ? (
        <p className="mt-2 whitespace-pre-line rounded bg-stone-50 p-2 text-sm">{item.answer[0] ?? t("quiz.unanswered")}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {(item.type === "true_false" ? ["true", "false"] : item.options.map((o) => o.token)).map((token) => {
            const chosen = item.answer.includes(token);
            const right = reviewed?.correct.includes(token);
            return (
              <li
                key={token}
                className={`rounded px-2 py-1 ${right ? "bg-emerald-50 font-medium text-emerald-800" : chosen && reviewed ? "bg-seal-50 text-seal-700" : ""}`}
              >
                {chosen ? "◉ " : "○ "}
                {label(token)}
                {right ? ` ✓ ${t("quiz.correctAnswer")}` : ""}
              </li>
            );
          })}
        </ul>
      )}
      {reviewed ? (
        <div className="mt-3 space-y-1 border-t border-stone-100 pt-2 text-sm text-stone-700">
          {reviewed.reference ? (
            <p className="whitespace-pre-line">
              <span className="font-medium">{t("quiz.reference")}</span> {reviewed.reference}
            </p>
          ) : null}
          {reviewed.comment ? (
            <p className="whitespace-pre-line">
              <span className="font-medium">{t("quiz.graderComment")}</span> {reviewed.comment}
            </p>
          ) : null}
          <p>
            <span className="font-medium">{t("quiz.explanation")}</span> {reviewed.explanation}
          </p>
          {reviewed.law.length ? (
            <p className="text-xs text-stone-500">
              {reviewed.law.map((l) => t("quiz.lawRef", { law: l.law, article: l.article })).join("；")}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export default function AttemptResult() {
  const { t } = useTranslation();
  const { title, course, late, result } = useLoaderData<typeof loader>();
  const reviewed = result.items.some(isReviewed);
  return (
    <article className="space-y-5">
      <Link to={`/quizzes/${result.quizId}`} className="text-sm text-brand-700 underline">
        {t("quiz.backToQuiz")}
      </Link>
      <h1 className="text-2xl font-bold text-brand-800">
        {title} · {t("quiz.attemptNumber", { number: result.number })}
      </h1>
      {late ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-amber-800">
          {t("quiz.lateNotice")}
        </p>
      ) : null}
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200" aria-labelledby="score">
        <h2 id="score" className="sr-only">
          {t("quiz.score")}
        </h2>
        {result.state === "pending" ? (
          <p className="text-lg font-semibold text-amber-700">
            {t("quiz.pendingNotice", { score: result.score, count: result.pendingShort })}
          </p>
        ) : (
          <p className="text-3xl font-bold">
            <span className={result.passed ? "text-emerald-700" : "text-seal-600"}>{result.percent}%</span>
            <span className="ml-3 text-lg">{result.passed ? t("quiz.passed") : t("quiz.failed")}</span>
          </p>
        )}
        <p className="mt-1 text-sm text-stone-600">
          {t("quiz.scoreLine", { score: result.score, max: result.maxScore, pass: result.passMark })}
          {result.submittedAt ? (
            <>
              {" "}
              · <DateTime value={result.submittedAt} />
            </>
          ) : null}
        </p>
        {result.passed && course ? (
          <Link to={`/courses/${course}`} className="mt-2 inline-block text-brand-700 underline">
            {t("quiz.toCourse")}
          </Link>
        ) : null}
      </section>
      {!reviewed ? (
        <p className="text-sm text-stone-600">
          {result.review === "after_close" && result.reviewOpensAt ? (
            <>
              {t("quiz.reviewAfterClose")} <DateTime value={result.reviewOpensAt} />
            </>
          ) : (
            t("quiz.reviewScoreOnly")
          )}
        </p>
      ) : null}
      <ol className="space-y-3">
        {result.items.map((item, i) => (
          <Item key={item.position} item={item} index={i} />
        ))}
      </ol>
    </article>
  );
}
