import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SectionComponent } from "~/lib/course";

const TONE: Record<SectionComponent, string> = {
  CaseFacts: "bg-white ring-stone-200",
  Parties: "bg-white ring-stone-200",
  Crux: "bg-amber-50 ring-amber-200",
  MediationSteps: "bg-white ring-stone-200",
  Agreement: "bg-stone-50 ring-stone-300 font-[serif]",
  LegalBasis: "bg-brand-50 ring-brand-100",
  Commentary: "bg-white ring-brand-100 border-l-4 border-brand-600",
  KeyPoints: "bg-emerald-50 ring-emerald-200",
  Discussion: "bg-sky-50 ring-sky-200",
};

/** One titled block of a case study; its id comes from the content build (table of contents). */
export function Section({ kind, id, children }: { kind: SectionComponent; id?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section
      id={id}
      aria-labelledby={id ? `${id}-title` : undefined}
      className={`my-6 scroll-mt-4 rounded-lg p-4 ring-1 sm:p-5 ${TONE[kind]}`}
    >
      <h2 id={id ? `${id}-title` : undefined} className="mb-2 text-lg font-semibold text-brand-800">
        {t(`lesson.section.${kind}`)}
      </h2>
      <div className="lesson-prose">{children}</div>
    </section>
  );
}
