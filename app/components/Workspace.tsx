import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SerializeFrom } from "@remix-run/node";
import type { loader as homeLoader } from "~/routes/_index";
import { notificationLink } from "~/lib/notifications";
import { DateTime } from "./DateTime";
import { ProgressBar } from "./ProgressBar";

type Sections = NonNullable<Extract<SerializeFrom<typeof homeLoader>, { workspace: unknown }>["workspace"]>;
type MediatorData = NonNullable<Sections["mediator"]>;
type TrainerData = NonNullable<Sections["trainer"]>;
type AdminData = NonNullable<Sections["admin"]>;

const card = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200";
const h3 = "font-semibold text-stone-900";
const button = "inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-medium text-white";

function Empty({ children }: { children: string }) {
  return <p className="mt-2 text-sm text-stone-500">{children}</p>;
}

function Meter({ label, value, target }: { label: string; value: number; target: number }) {
  return (
    <div>
      <p className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="font-semibold">
          {value} / {target}
        </span>
      </p>
      <progress
        value={Math.min(value, target)}
        max={target || 1}
        aria-label={label}
        className="mt-1 block h-2 w-full appearance-none overflow-hidden rounded-full bg-stone-200 [&::-webkit-progress-bar]:bg-stone-200 [&::-webkit-progress-value]:bg-brand-600 [&::-moz-progress-bar]:bg-brand-600"
      />
    </div>
  );
}

export type Message = {
  id: number;
  kind: string;
  params: Record<string, string | number>;
  subject: { type: string | null; id: string | null };
  createdAt: string;
};

/** Unread messages; each links to what it is about (the link is built here, from its subject). */
export function Messages({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
  return (
    <section id="messages" aria-labelledby="messages-title" className="rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
      <h2 id="messages-title" className="font-semibold text-amber-900">
        {t("notification.title")}
      </h2>
      {messages.length ? (
        <ul className="mt-2 space-y-2">
          {messages.map((n) => {
            const to = notificationLink(n.subject);
            const text = t(`notification.${n.kind}`, n.params);
            return (
              <li key={n.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="min-w-0 break-words">
                  {to ? (
                    <Link to={to} className="underline">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}{" "}
                  <span className="text-xs text-stone-500">
                    <DateTime value={n.createdAt} />
                  </span>
                </span>
                <Form method="post" action={`/notifications/${n.id}`}>
                  <button type="submit" className="min-h-11 rounded border border-amber-700 px-3 text-amber-900">
                    {t("notification.markRead")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      ) : (
        <Empty>{t("notification.none")}</Empty>
      )}
      <Link to="/notifications" className="mt-2 inline-block text-sm text-amber-900 underline">
        {t("notification.toAll")}
      </Link>
    </section>
  );
}

export function MediatorSection({ w }: { w: MediatorData }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ws-mediator" className="space-y-3">
      <h2 id="ws-mediator" className="text-xl font-bold text-brand-800">
        {t("workspace.mediator.title")}
      </h2>
      <div className={card}>
        <h3 className={h3}>{t("workspace.mediator.year", { year: w.year })}</h3>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <Meter label={t("training.practical")} value={w.standing.practical} target={w.standing.targets.practical} />
          <Meter label={t("training.hours")} value={w.standing.hours} target={w.standing.targets.hours} />
        </div>
        <Link to="/training" className="mt-2 inline-block text-sm text-brand-700 underline">
          {t("workspace.mediator.toTraining")}
        </Link>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <div className={card}>
          <h3 className={h3}>{t("workspace.mediator.courses")}</h3>
          {w.courses.length ? (
            <ul className="mt-2 space-y-3">
              {w.courses.map((c) => (
                <li key={c.slug}>
                  <Link to={`/courses/${c.slug}`} className="font-medium text-brand-700 underline">
                    {c.title}
                  </Link>
                  <p className="text-xs text-stone-600">{t("workspace.mediator.due", { date: c.dueOn })}</p>
                  <ProgressBar read={c.read} total={c.total} completed={c.completed} />
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t("workspace.mediator.noCourses")}</Empty>
          )}
        </div>
        <div className={card}>
          <h3 className={h3}>{t("workspace.mediator.quizzes")}</h3>
          {w.quizzes.length ? (
            <ul className="mt-2 space-y-2">
              {w.quizzes.map((q) => (
                <li key={q.id} className="text-sm">
                  <Link to={`/quizzes/${q.id}`} className="font-medium text-brand-700 underline">
                    {q.title}
                  </Link>
                  <span className="ml-2 text-stone-600">
                    {q.inProgress
                      ? t("workspace.mediator.quizInProgress")
                      : t("workspace.mediator.quizAttempts", { used: q.used, allowed: q.attemptsAllowed })}
                  </span>
                  {q.closesAt ? (
                    <p className="text-xs text-stone-500">
                      {t("workspace.mediator.closes")} <DateTime value={q.closesAt} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t("workspace.mediator.noQuizzes")}</Empty>
          )}
        </div>
        <div className={card}>
          <h3 className={h3}>{t("workspace.mediator.events")}</h3>
          {w.events.length ? (
            <ul className="mt-2 space-y-3">
              {w.events.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span className="min-w-0">
                    <Link to={`/events/${e.id}`} className="font-medium text-brand-700 underline">
                      {e.title}
                    </Link>
                    <span className="block text-xs text-stone-600">
                      <DateTime value={e.startsAt} /> · {e.place} ·{" "}
                      {t(`workspace.mediator.registration.${e.attended ? "attended" : e.status}`)}
                    </span>
                  </span>
                  {e.checkinOpen ? (
                    <Link to={`/events/${e.id}/attend`} className={button}>
                      {t("events.checkIn")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t("workspace.mediator.noEvents")}</Empty>
          )}
        </div>
        <div className={card}>
          <h3 className={h3}>{t("workspace.mediator.toFix")}</h3>
          {w.returnedLogs.length || w.returnedExercises.length ? (
            <ul className="mt-2 space-y-2 text-sm">
              {w.returnedLogs.map((l) => (
                <li key={`log-${l.id}`}>
                  <Link to={`/training/logs/${l.id}`} className="font-medium text-brand-700 underline">
                    {t("workspace.mediator.returnedLog", { type: t(`training.logType.${l.type}`), date: l.occurredOn })}
                  </Link>
                  {l.reason ? <p className="text-xs text-stone-600">{t("workspace.mediator.reason", { reason: l.reason })}</p> : null}
                </li>
              ))}
              {w.returnedExercises.map((x) => (
                <li key={`ex-${x.exerciseId}`}>
                  <Link to={`/exercises/${x.exerciseId}`} className="font-medium text-brand-700 underline">
                    {t("workspace.mediator.returnedExercise", { title: x.title })}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t("workspace.mediator.nothingToFix")}</Empty>
          )}
          {w.releasedGrades.length ? (
            <>
              <h3 className={`${h3} mt-4`}>{t("workspace.mediator.grades")}</h3>
              <ul className="mt-2 space-y-1 text-sm">
                {w.releasedGrades.map((g) => (
                  <li key={g.exerciseId}>
                    <Link to={`/exercises/${g.exerciseId}`} className="text-brand-700 underline">
                      {g.title}
                    </Link>
                    <span className="ml-2">{t("workspace.mediator.score", { score: g.score, max: g.max })}</span>
                    <span className={`ml-2 ${g.passed ? "text-emerald-700" : "text-amber-700"}`}>
                      {t(g.passed ? "workspace.mediator.passed" : "workspace.mediator.failed")}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}

function Waiting({ label, count, to }: { label: string; count: number; to: string | null }) {
  const { t } = useTranslation();
  return (
    <div className={`${card} flex flex-col justify-between gap-3`}>
      <p className="text-sm text-stone-600">{label}</p>
      <p className="text-3xl font-bold text-brand-800">{count}</p>
      {to ? (
        <Link to={to} className={button}>
          {t("workspace.trainer.start")}
        </Link>
      ) : (
        <p className="text-sm text-emerald-700">{t("workspace.trainer.clear")}</p>
      )}
    </div>
  );
}

export function TrainerSection({ w }: { w: TrainerData }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="ws-trainer" className="space-y-3">
      <h2 id="ws-trainer" className="text-xl font-bold text-brand-800">
        {t("workspace.trainer.title")}
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Waiting
          label={t("workspace.trainer.submissions")}
          count={w.submissions.count}
          to={w.submissions.first ? `/grading/submissions/${w.submissions.first}` : null}
        />
        <Waiting
          label={t("workspace.trainer.answers")}
          count={w.answers.count}
          to={w.answers.first ? `/grading/answers/${w.answers.first}` : null}
        />
        <Waiting label={t("workspace.trainer.logs")} count={w.logs.count} to={w.logs.first ? `/training/logs/${w.logs.first}` : null} />
      </div>
      <div className={card}>
        <h3 className={h3}>{t("workspace.trainer.events")}</h3>
        {w.events.length ? (
          <ul className="mt-2 space-y-2 text-sm">
            {w.events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0">
                  {e.today ? (
                    <span className="mr-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("workspace.trainer.today")}</span>
                  ) : null}
                  <Link to={`/events/${e.id}`} className="font-medium text-brand-700 underline">
                    {e.title}
                  </Link>
                  <span className="block text-xs text-stone-600">
                    <DateTime value={e.startsAt} /> · {e.place}
                  </span>
                </span>
                {e.today ? (
                  <Link to={`/events/${e.id}/checkin`} className="text-sm text-brand-700 underline">
                    {t("events.checkinScreen")}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t("workspace.trainer.noEvents")}</Empty>
        )}
      </div>
    </section>
  );
}

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);

export function AdminSection({ w }: { w: AdminData }) {
  const { t } = useTranslation();
  const figures: [string, string][] = [
    [t("workspace.admin.active"), String(w.active)],
    [t("workspace.admin.coverage"), pct(w.coverage)],
    [t("workspace.admin.perCapita"), w.perCapita === null ? "—" : String(w.perCapita)],
    [t("workspace.admin.hours"), String(w.hours)],
    [t("workspace.admin.behind"), String(w.behind)],
    [t("workspace.admin.pendingLogs"), String(w.pendingLogs)],
  ];
  return (
    <section aria-labelledby="ws-admin" className="space-y-3">
      <h2 id="ws-admin" className="text-xl font-bold text-brand-800">
        {t("workspace.admin.title", { node: w.node.name, year: w.year })}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {figures.map(([label, value]) => (
          <div key={label} className={`${card} flex flex-col-reverse`}>
            <dt className="text-sm text-stone-600">{label}</dt>
            <dd className="text-2xl font-bold text-brand-800">{value}</dd>
          </div>
        ))}
      </dl>
      <div className={card}>
        <h3 className={h3}>{t("workspace.admin.mostBehind")}</h3>
        {w.children.length ? (
          <ul className="mt-2 divide-y divide-stone-100 text-sm">
            {w.children.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link to={`/compliance?org=${c.id}&year=${w.year}`} className="font-medium text-brand-700 underline">
                  {c.name}
                </Link>
                <span>{t("workspace.admin.childBehind", { behind: c.behind, active: c.active })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t("workspace.admin.noneBehind")}</Empty>
        )}
        <div className="mt-3 flex flex-wrap gap-3 text-sm">
          <Link to={`/compliance/mediators?org=${w.node.id}&year=${w.year}&state=notCompliant`} className="text-brand-700 underline">
            {t("workspace.admin.listBehind")}
          </Link>
          {w.pendingLogs ? (
            <Link to="/training/verify" className="text-brand-700 underline">
              {t("workspace.admin.toVerify")}
            </Link>
          ) : null}
        </div>
      </div>
    </section>
  );
}
