import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { requireAccess } from "~/.server/web/guards";
import { now } from "~/.server/clock";
import { quizCards, type QuizCard } from "~/.server/quizzes/overview";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("quiz.title");

/** 测验与考试: every quiz with the signed-in user's own standing; trainers and admins also reach reports. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "quiz:take");
  const cards = await quizCards(user.id, now());
  return { cards, canReport: can(user, "quiz-report:read") };
}

function Card({ card, canReport }: { card: QuizCard; canReport: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
      <Link to={`/quizzes/${card.id}`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">
        {card.title}
      </Link>
      <p className="mt-1 text-sm text-stone-600">
        {t("quiz.meta", { count: card.questionCount, pass: card.passMark })}
        {card.timeLimitMinutes ? ` · ${t("quiz.timeLimit", { minutes: card.timeLimitMinutes })}` : ""}
        {" · "}
        {card.attemptsAllowed
          ? t("quiz.attemptsUsed", { used: card.used, allowed: card.attemptsAllowed })
          : t("quiz.attemptsUnlimited", { used: card.used })}
      </p>
      <p className="mt-1 text-sm">
        {card.window !== "open" ? <span className="text-stone-500">{t(`quiz.window.${card.window}`)}</span> : null}
        {card.passed ? <span className="font-medium text-emerald-700">{t("quiz.passed")}</span> : null}
        {!card.passed && card.best !== null ? <span className="text-stone-700">{t("quiz.best", { percent: card.best })}</span> : null}
        {card.inProgress ? <span className="ml-2 text-amber-700">{t("quiz.inProgress")}</span> : null}
        {card.pending && !card.passed ? <span className="ml-2 text-amber-700">{t("quiz.pending")}</span> : null}
      </p>
      {canReport ? (
        <Link to={`/quizzes/${card.id}/report`} className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("quiz.report.link")}
        </Link>
      ) : null}
    </li>
  );
}

export default function Quizzes() {
  const { t } = useTranslation();
  const { cards, canReport } = useLoaderData<typeof loader>();
  const exams = cards.filter((c) => !c.course);
  const courseQuizzes = cards.filter((c) => c.course);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">{t("quiz.title")}</h1>
      <section aria-labelledby="exams" className="space-y-2">
        <h2 id="exams" className="text-lg font-semibold">
          {t("quiz.exams")}
        </h2>
        <ul className="space-y-3">
          {exams.map((c) => (
            <Card key={c.id} card={c} canReport={canReport} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="course-quizzes" className="space-y-2">
        <h2 id="course-quizzes" className="text-lg font-semibold">
          {t("quiz.courseQuizzes")}
        </h2>
        <ul className="space-y-3">
          {courseQuizzes.map((c) => (
            <Card key={c.id} card={c} canReport={canReport} />
          ))}
        </ul>
      </section>
    </div>
  );
}
