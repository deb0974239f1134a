import { Agreement, CaseFacts, Commentary, Crux, Discussion, KeyPoints, MediationSteps, Parties, Party, Step } from "./CaseStudy";
import { LawRef, LegalBasis } from "./LawRef";

/** Every component a lesson may use; anything else fails at render, and the content build's tests render every lesson. */
export const mdxComponents = {
  CaseFacts,
  Parties,
  Party,
  Crux,
  MediationSteps,
  Step,
  Agreement,
  LegalBasis,
  LawRef,
  Commentary,
  KeyPoints,
  Discussion,
};
