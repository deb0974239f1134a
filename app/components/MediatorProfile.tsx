import { useTranslation } from "react-i18next";
import type { CaseFigures } from "~/lib/case-file";
import type { ReactNode } from "react";
import { telHref, type ProfileView } from "~/lib/mediator";
import { MediatorCaseFigures } from "./CaseFigures";

export type ProfileCases = { years: (CaseFigures & { year: number })[]; total: CaseFigures | null };

/**
 * The roster profile as a definition list, and below it (when given) the case figures from the
 * register; shared by the bureau's detail page and 我的档案.
 */
export function MediatorProfile({ profile, cases }: { profile: ProfileView; cases?: ProfileCases }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t("roster.field.gender"), t(`gender.${profile.gender}`)],
    [t("roster.field.birthYear"), profile.birthYear ? String(profile.birthYear) : "—"],
    [
      t("roster.field.phone"),
      profile.phone ? (
        <a href={telHref(profile.phone)} className="text-brand-700 underline">
          {profile.phone}
        </a>
      ) : (
        "—"
      ),
    ],
    [t("roster.field.idCard"), profile.idCard || "—"],
    [t("roster.field.education"), profile.education ? t(`education.${profile.education}`) : "—"],
    [t("roster.field.committee"), profile.orgChain.join(" / ")],
    [t("roster.field.employment"), t(`employment.${profile.employment}`)],
    [t("roster.field.appointedOn"), profile.appointedOn ?? "—"],
    [t("roster.field.yearsOfService"), profile.yearsOfService === null ? "—" : t("roster.years", { count: profile.yearsOfService })],
    [t("roster.field.specialties"), profile.specialties.map((c) => t(`category.${c}`)).join("、") || "—"],
    [t("roster.field.isExpert"), profile.isExpert ? t("form.yes") : t("form.no")],
    [t("roster.field.gradeLevel"), profile.gradeLevel ?? t("roster.ungraded")],
    [t("roster.field.status"), t(`mediatorStatus.${profile.status}`) + (profile.statusChangedOn ? ` (${profile.statusChangedOn})` : "")],
  ];
  if (profile.statusReason && profile.status !== "active") rows.push([t("roster.field.statusReason"), profile.statusReason]);
  const list = (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
      {rows.map(([label, value]) => (
        <div key={label} className="border-b border-stone-100 pb-2">
          <dt className="text-xs text-stone-500">{label}</dt>
          <dd className="mt-0.5 text-stone-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
  if (!cases) return list;
  return (
    <div className="space-y-4">
      {list}
      <MediatorCaseFigures years={cases.years} total={cases.total} />
    </div>
  );
}
