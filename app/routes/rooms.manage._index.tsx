import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/.server/access";
import { roomsFor } from "~/.server/rooms/rooms";
import { requireAccess } from "~/.server/web/guards";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("rooms.manage.title");

/**
 * The rooms a user follows (调解室管理): those they applied for, and — for admins — every room under
 * their grants, newest change first, with the status; links to apply and to the dashboard.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scopes } = await requireAccess(request, "room:read");
  const rooms = await roomsFor(user.id, scopes);
  return {
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status, slug: r.slug, stars: r.stars })),
    dashboard: can(user, "room:manage"),
  };
}

export default function ManageRooms() {
  const { t } = useTranslation();
  const { rooms, dashboard } = useLoaderData<typeof loader>();
  return (
    <article className="space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t("rooms.manage.title")}</h1>
      <div className="flex flex-wrap gap-3 text-sm">
        <Link to="/rooms/apply" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
          {t("rooms.apply.title")}
        </Link>
        {dashboard ? (
          <Link to="/rooms/admin" className="rounded-md border border-brand-700 px-4 py-2 text-brand-800">
            {t("rooms.admin.title")}
          </Link>
        ) : null}
        <a href="/rooms" className="px-2 py-2 text-brand-700 underline">
          {t("rooms.public.directoryTitle")}
        </a>
      </div>
      {rooms.length === 0 ? (
        <p className="text-stone-600">{t("rooms.manage.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg bg-white ring-1 ring-stone-200">
          {rooms.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <Link to={`/rooms/manage/${r.id}`} className="font-medium text-brand-800 underline">
                {r.name}
              </Link>
              <span className="text-sm text-stone-600">
                {t(`rooms.kind.${r.kind}`)} · <span data-status={r.status}>{t(`rooms.status.${r.status}`)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
