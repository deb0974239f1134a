import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";

/**
 * The one reply of an action that refuses its input: `{ result }`, Conform's SubmissionResult,
 * with the status that says why (400 bad input, 409 conflict, 413 too large, 429 rate limited).
 * Field errors sit on their field; what belongs to no field is a form error (Conform's "" key).
 * With a parsed submission, reply with `submission.reply({ fieldErrors, formErrors })`; where
 * there is none (the body was too large to read, a report without a schema), `refusal` makes one.
 */
export type Refusal = { result: SubmissionResult<string[]> };

/** `initialValue`: what the form should show again (its `intent` tells which of a page's forms it answers, see resultFor). */
export function refusal(
  errors: { fieldErrors?: Record<string, string[]>; formErrors?: string[] },
  initialValue?: Record<string, string>,
): SubmissionResult<string[]> {
  const error: Record<string, string[]> = { ...(errors.fieldErrors ?? {}) };
  if (errors.formErrors?.length) error[""] = errors.formErrors;
  return initialValue ? { status: "error", initialValue, error } : { status: "error", error };
}

export function refuse(result: SubmissionResult<string[]>, status = 400) {
  return data({ result } satisfies Refusal, { status });
}
