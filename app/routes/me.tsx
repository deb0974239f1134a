import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAccess } from "~/.server/web/guards";
import { profileView } from "~/.server/roster/profile";
import { getMediatorOfUser } from "~/.server/roster/queries";
import { MediatorProfile } from "~/components/MediatorProfile";
import { mediatorCaseSummary } from "~/.server/cases/stats";
import { currentYearInChina } from "~/lib/dates";
import { pageTitle } from "~/lib/meta";

export const meta = pageTitle("me.title");
import { certificatesOf } from "~/.server/certificates/certificates";
import { publicOrigin } from "~/.server/web/verify";
import { MyCertificates } from "~/components/MyCertificates";
import { verifyPath } from "~/lib/certificate";
import { levelStanding } from "~/.server/levels/standing";
import { LevelStanding } from "~/components/LevelStanding";

/** 我的档案: any signed-in user sees their own account, and their roster profile when they have one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireAccess(request, "account:self");
  const mediator = await getMediatorOfUser(user.id);
  const certificates = mediator ? await certificatesOf(mediator.id) : [];
  const current = certificates.find((c) => c.status === "valid");
  return {
    certificates,
    // The public link to the current level, to share (the verify page shows the name masked).
    shareUrl: current ? `${publicOrigin(request)}${verifyPath(current.code)}` : null,
    account: {
      username: user.username,
      displayName: user.displayName,
      grants: user.grants.map((g) => ({ role: g.role, orgName: g.orgName })),
    },
    profile: mediator ? await profileView(mediator) : null,
    cases: mediator ? await mediatorCaseSummary(mediator.id, currentYearInChina()) : null,
    levels: mediator ? await levelStanding(mediator) : null,
  };
}

export default function MyProfile() {
  const { t } = useTranslation();
  const { account, profile, cases, certificates, shareUrl, levels } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-brand-800">{t("me.title")}</h1>
      <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="acct">
        <h2 id="acct" className="text-lg font-semibold">
          {account.displayName}
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          {t("auth.username")}
          {t("form.colon")}
          {account.username}
        </p>
        <ul className="mt-3 flex flex-wrap gap-2">
          {account.grants.map((g) => (
            <li key={`${g.role}-${g.orgName}`} className="rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-800 ring-1 ring-brand-100">
              {t(`role.${g.role}`)} · {g.orgName}
            </li>
          ))}
        </ul>
        <Link to="/account/password" className="mt-4 inline-block text-sm text-brand-700 underline">
          {t("nav.password")}
        </Link>
      </section>
      {profile ? (
        <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="profile">
          <h2 id="profile" className="mb-4 text-lg font-semibold">
            {t("me.profile")}
          </h2>
          <MediatorProfile profile={profile} cases={cases ?? undefined} />
          <p className="mt-4 text-sm text-stone-500">{t("me.correctionHint")}</p>
        </section>
      ) : null}
      {levels ? (
        <section className="rounded-lg bg-white p-4 ring-1 ring-stone-200 sm:p-6" aria-labelledby="grade">
          <h2 id="grade" className="mb-2 text-lg font-semibold">
            {t("levels.profileHeading")}
          </h2>
          <LevelStanding standing={levels} />
        </section>
      ) : null}
      {profile ? <MyCertificates certificates={certificates} shareUrl={shareUrl} /> : null}
    </div>
  );
}
