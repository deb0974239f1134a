import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireAccess } from "~/.server/web/guards";
import { getCourse, getLesson } from "~/.server/courses/catalog";
import { enrol, markLessonRead, progressIn } from "~/.server/courses/progress";
import { htmlIn } from "~/.server/courses/rendered";
import { i18next } from "~/.server/i18n";
import { SubmitButton } from "~/components/form";
import { LessonHtml } from "~/components/LessonHtml";
import { ProgressBar } from "~/components/ProgressBar";
import { localeOf, titled } from "~/lib/meta";
import { badRequest, readFormData } from "~/.server/web/form";
import { htmlOnceInDocument } from "~/.server/web/document-html";

const LESSON_SLOT = "lesson-text";

function find(params: { slug?: string; lesson?: string }) {
  const course = getCourse(params.slug);
  const found = course ? getLesson(course, params.lesson) : undefined;
  if (!course || !found) throw notFound();
  return { course, ...found };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  titled(localeOf(matches), data ? `${data.lesson.title} · ${data.course.title}` : null),
];

/** Any signed-in user reads lessons; marks and completion need an enrolment. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { course, lesson, index } = find(params);
  const { user } = await requireAccess(request, "course:study");
  const progress = await progressIn(user.id, course);
  const neighbour = (i: number) => (course.lessons[i] ? { slug: course.lessons[i].slug, title: course.lessons[i].title } : null);
  return {
    course: { slug: course.slug, title: course.title, lessonCount: course.lessons.length },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      html: htmlOnceInDocument(context, LESSON_SLOT, htmlIn(lesson.html, await i18next.getLocale(request))),
      toc: lesson.toc,
      number: index + 1,
    },
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    progress,
    isRead: progress.read.includes(lesson.slug),
    marked: new URL(request.url).searchParams.get("marked"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, lesson } = find(params);
  const { user } = await requireAccess(request, "course:study");
  const intent = (await readFormData(request)).get("intent");
  const here = `/courses/${course.slug}/${lesson.slug}`;
  if (intent === "enrol") {
    await enrol(user.id, course.slug);
    throw redirect(here);
  }
  if (intent !== "read") throw badRequest("intent");
  const result = await markLessonRead(user.id, course, lesson.slug);
  if (!result.ok) return new Response("Not enrolled", { status: 409 });
  throw redirect(`${here}?marked=${result.completedNow ? "completed" : "read"}`);
}

export default function Lesson() {
  const { t } = useTranslation();
  const { course, lesson, previous, next, progress, isRead, marked } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  return (
    <article className="space-y-5">
      <nav aria-label={t("lesson.breadcrumb")} className="text-sm">
        <Link to={`/courses/${course.slug}`} className="text-brand-700 underline">
          {course.title}
        </Link>
        <span className="text-stone-500"> · {t("lesson.position", { n: lesson.number, total: course.lessonCount })}</span>
      </nav>
      <h1 className="text-2xl font-bold text-brand-800">{lesson.title}</h1>
      <p className="text-sm text-stone-600">{t("courses.minutes", { count: lesson.minutes })}</p>
      {progress.enrolled ? (
        <ProgressBar read={progress.read.length} total={course.lessonCount} completed={Boolean(progress.completedAt)} />
      ) : null}

      {lesson.toc.length > 0 ? (
        <details className="rounded-lg bg-white p-3 ring-1 ring-stone-200 lg:open:block" open>
          <summary className="cursor-pointer font-medium">{t("lesson.toc")}</summary>
          <ol className="mt-2 space-y-1 text-sm">
            {lesson.toc.map((entry) => (
              <li key={entry.id}>
                <a href={`#${entry.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                  {entry.text ?? t(`lesson.section.${entry.section}`)}
                </a>
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      <LessonHtml html={lesson.html} slot={LESSON_SLOT} />

      <section aria-live="polite" className="rounded-lg bg-white p-4 ring-1 ring-stone-200">
        {marked === "completed" ? <p className="mb-2 font-medium text-emerald-700">{t("lesson.courseCompleted")}</p> : null}
        {marked === "read" ? <p className="mb-2 text-emerald-700">{t("lesson.markedRead")}</p> : null}
        {!progress.enrolled ? (
          <Form method="post">
            <input type="hidden" name="intent" value="enrol" />
            <p className="mb-2 text-sm text-stone-600">{t("lesson.enrolToTrack")}</p>
            <SubmitButton>{t("courses.enrol")}</SubmitButton>
          </Form>
        ) : isRead ? (
          <p className="text-stone-700">✓ {t("lesson.alreadyRead")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <SubmitButton pending={navigation.state !== "idle"}>{t("lesson.markRead")}</SubmitButton>
          </Form>
        )}
      </section>

      <nav aria-label={t("lesson.pager")} className="flex justify-between gap-2">
        {previous ? (
          <Link
            to={`/courses/${course.slug}/${previous.slug}`}
            className="flex min-h-11 max-w-[48%] items-center rounded-md bg-white px-3 text-sm ring-1 ring-stone-300"
          >
            ← {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link
            to={`/courses/${course.slug}/${next.slug}`}
            className="flex min-h-11 max-w-[48%] items-center rounded-md bg-white px-3 text-right text-sm ring-1 ring-stone-300"
          >
            {next.title} →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </article>
  );
}
