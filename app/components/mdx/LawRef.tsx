import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Section } from "./Section";

export function LegalBasis({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <Section kind="LegalBasis" id={id}>
      <div className="space-y-3">{children}</div>
    </Section>
  );
}

/**
 * A cited article with its verbatim text. The content build fills `text` and `title` from
 * content/law/articles.json and fails on a citation that is not there.
 */
export function LawRef({ law, article, text, title }: { law: string; article: string; text?: string; title?: string }) {
  const { t } = useTranslation();
  return (
    <figure className="rounded bg-white p-3 ring-1 ring-brand-100">
      <figcaption className="text-sm font-semibold text-brand-800">{t("lesson.lawCitation", { law: title ?? law, article })}</figcaption>
      <blockquote className="mt-1 whitespace-pre-line text-stone-800">{text}</blockquote>
    </figure>
  );
}
