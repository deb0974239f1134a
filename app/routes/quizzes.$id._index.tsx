import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { now } from "~/.server/clock";
import { getCourse } from "~/.server/courses/catalog";
import { attemptsOf, closeExpired, startAttempt, windowState } from "~/.server/quizzes/attempts";
import { DrawError } from "~/.server/quizzes/draw";
import { quizFor } from "~/.server/exams/quiz";
import { scopesFor } from "~/.server/access";
import { mediatorOf } from "~/.server/training/logs";
import { DateTime } from "~/components/DateTime";
import { FormErrors, SubmitButton } from "~/components/form";
import { refusal, refuse } from "~/.server/web/reply";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("quiz.title", "quiz.title");

/** A quiz's rules and the user's own attempts; any signed-in user may look, mediators may start. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "quiz:take");
  // A bureau's exam (exam-<id>): its audience, and the staff over or under its node, may look.
  const found = await quizFor(user.id, params.id, scopesFor(user, "exam:manage"));
  if (!found) throw notFound();
  const { quiz } = found;
  const at = now();
  await closeExpired({ quizId: quiz.id, userId: user.id }, at);
  const [attempts, mediator] = await Promise.all([attemptsOf(user.id, quiz.id), mediatorOf(user.id)]);
  const course = quiz.course ? getCourse(quiz.course) : undefined;
  return {
    quiz: {
      id: quiz.id,
      title: quiz.title,
      description: quiz.description,
      questionCount: quiz.questionCount,
      passMark: quiz.passMark,
      attemptsAllowed: quiz.attemptsAllowed,
      timeLimitMinutes: quiz.timeLimitMinutes ?? null,
      review: quiz.review,
      multipleScoring: quiz.multipleScoring,
      opensAt: quiz.opensAt,
      closesAt: quiz.closesAt,
      window: windowState(quiz, at),
    },
    course: course ? { slug: course.slug, title: course.title } : null,
    isMediator: mediator?.status === "active" && found.inAudience,
    /** Set when the exam is tied to a round this user has no application past the committee's pre-review in. */
    notApplicant: found.refused === "roundApplicant",
    attempts: attempts.map((a) => ({
      id: a.id,
      number: a.number,
      state: a.state,
      percent: a.percent ?? null,
      passed: a.passed ?? null,
      submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    })),
  };
}

/** Start (or resume) an attempt: mediators only, inside the window and the attempt limit. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireAccess(request, "quiz:take");
  // Only a bureau exam's audience may start it; to anyone else it does not exist.
  const found = await quizFor(user.id, params.id);
  if (found?.refused === "roundApplicant") return refuse(refusal({ formErrors: ["roundPanel.error.examApplicant"] }), 403);
  if (!found?.inAudience) throw notFound();
  let result: Awaited<ReturnType<typeof startAttempt>>;
  try {
    result = await startAttempt(user.id, found.quiz, now());
  } catch (error) {
    // The banks changed since the exam was set and a rule can no longer be drawn: nothing was written.
    if (error instanceof DrawError) return refuse(refusal({ formErrors: ["exam.error.bankChanged"] }), 409);
    throw error;
  }
  // Nothing typed: the refusal (closed, no attempts left, not a mediator or not enrolled) is a form error, the quiz's state a conflict.
  if (!result.ok) return refuse(refusal({ formErrors: [`quiz.error.${result.error}`] }), 409);
  throw redirect(`/quizzes/attempts/${result.attemptId}`);
}

export default function QuizOverview() {
  const { t } = useTranslation();
  const { quiz, course, attempts, isMediator, notApplicant } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const open = attempts.find((a) => a.state === "in_progress");
  const left = quiz.attemptsAllowed ? quiz.attemptsAllowed - attempts.length : null;
  const canStart = isMediator && quiz.window === "open" && (open || left === null || left > 0);
  return (
    <article className="space-y-5">
      <Link to="/quizzes" className="text-sm text-brand-700 underline">
        {t("quiz.back")}
      </Link>
      <header>
        <h1 className="text-2xl font-bold text-brand-800">{quiz.title}</h1>
        {course ? (
          <p className="mt-1 text-sm text-stone-600">
            {t("quiz.ofCourse")}{" "}
            <Link to={`/courses/${course.slug}`} className="text-brand-700 underline">
              {course.title}
            </Link>
          </p>
        ) : null}
        <p className="mt-2 text-stone-700">{quiz.description}</p>
      </header>
      <dl className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 text-sm ring-1 ring-stone-200 sm:grid-cols-3">
        <div>
          <dt className="text-stone-500">{t("quiz.questions")}</dt>
          <dd className="font-medium">{quiz.questionCount}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("quiz.passMark")}</dt>
          <dd className="font-medium">{quiz.passMark}%</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("quiz.timeLimitLabel")}</dt>
          <dd className="font-medium">
            {quiz.timeLimitMinutes ? t("quiz.minutes", { count: quiz.timeLimitMinutes }) : t("quiz.noTimeLimit")}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("quiz.attemptsLabel")}</dt>
          <dd className="font-medium">
            {quiz.attemptsAllowed
              ? t("quiz.attemptsUsed", { used: attempts.length, allowed: quiz.attemptsAllowed })
              : t("quiz.attemptsUnlimited", { used: attempts.length })}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("quiz.reviewLabel")}</dt>
          <dd className="font-medium">{t(`quiz.review.${quiz.review}`)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("quiz.scoringLabel")}</dt>
          <dd className="font-medium">{t(`quiz.scoring.${quiz.multipleScoring}`)}</dd>
        </div>
        {quiz.opensAt ? (
          <div>
            <dt className="text-stone-500">{t("quiz.opensAt")}</dt>
            <dd className="font-medium">
              <DateTime value={quiz.opensAt} />
            </dd>
          </div>
        ) : null}
        {quiz.closesAt ? (
          <div>
            <dt className="text-stone-500">{t("quiz.closesAt")}</dt>
            <dd className="font-medium">
              <DateTime value={quiz.closesAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
      {notApplicant ? (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
          {t("roundPanel.error.examApplicant")}
        </p>
      ) : !isMediator ? (
        <p className="text-sm text-stone-600">{t("quiz.error.notMediator")}</p>
      ) : null}
      {quiz.window !== "open" ? <p className="text-sm text-stone-600">{t(`quiz.window.${quiz.window}`)}</p> : null}
      {canStart ? (
        <Form method="post">
          <SubmitButton pending={navigation.state !== "idle"}>{open ? t("quiz.continue") : t("quiz.start")}</SubmitButton>
        </Form>
      ) : null}
      {attempts.length ? (
        <section aria-labelledby="my-attempts">
          <h2 id="my-attempts" className="text-lg font-semibold">
            {t("quiz.myAttempts")}
          </h2>
          <ul className="mt-2 divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
            {attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>
                  {t("quiz.attemptNumber", { number: a.number })}
                  {a.submittedAt ? (
                    <>
                      {" "}
                      · <DateTime value={a.submittedAt} />
                    </>
                  ) : null}
                </span>
                {a.state === "in_progress" ? (
                  <Link to={`/quizzes/attempts/${a.id}`} className="text-brand-700 underline">
                    {t("quiz.continue")}
                  </Link>
                ) : (
                  <Link to={`/quizzes/attempts/${a.id}/result`} className="text-brand-700 underline">
                    {a.state === "pending" ? t("quiz.pending") : `${a.percent}% · ${a.passed ? t("quiz.passed") : t("quiz.failed")}`}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
