import type { ReactNode } from "react";
import { Section } from "./Section";

type Block = { id?: string; children: ReactNode };

/** The case-study vocabulary authors use in lessons (see README → Course content). */
export const CaseFacts = ({ id, children }: Block) => (
  <Section kind="CaseFacts" id={id}>
    {children}
  </Section>
);
export const Crux = ({ id, children }: Block) => (
  <Section kind="Crux" id={id}>
    {children}
  </Section>
);
export const Agreement = ({ id, children }: Block) => (
  <Section kind="Agreement" id={id}>
    {children}
  </Section>
);
export const Commentary = ({ id, children }: Block) => (
  <Section kind="Commentary" id={id}>
    {children}
  </Section>
);
export const KeyPoints = ({ id, children }: Block) => (
  <Section kind="KeyPoints" id={id}>
    {children}
  </Section>
);
export const Discussion = ({ id, children }: Block) => (
  <Section kind="Discussion" id={id}>
    {children}
  </Section>
);

export function Parties({ id, children }: Block) {
  return (
    <Section kind="Parties" id={id}>
      <dl className="space-y-2">{children}</dl>
    </Section>
  );
}

export function Party({ name, role, children }: { name: string; role: string; children?: ReactNode }) {
  return (
    <div className="rounded bg-stone-50 px-3 py-2">
      <dt className="font-medium">
        {name}
        <span className="ml-2 rounded bg-white px-2 py-0.5 text-xs text-stone-600 ring-1 ring-stone-200">{role}</span>
      </dt>
      <dd className="mt-1 text-stone-700">{children}</dd>
    </div>
  );
}

export function MediationSteps({ id, children }: Block) {
  return (
    <Section kind="MediationSteps" id={id}>
      <ol className="space-y-4">{children}</ol>
    </Section>
  );
}

export function Step({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <li className="border-l-2 border-brand-600 pl-4">
      <h3 className="font-semibold text-stone-900">{title}</h3>
      <div className="mt-1">{children}</div>
    </li>
  );
}
