import { getInputProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { MESSAGE_LIMITS, readMessage } from "~/lib/messages";

/** Translates a message of a reply or an error (app/lib/messages.ts), with the constant limits it may name. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: string) => {
    const { key, values } = readMessage(error);
    return t(key, { ...MESSAGE_LIMITS, ...values, defaultValue: key });
  };
}

/** Errors under a field; the space is reserved so the layout does not jump. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText();
  return (
    <div id={id} className="min-h-5 text-sm text-seal-600" aria-live="polite">
      {errors?.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-seal-600 focus:border-brand-600";

export function Field({ label, meta, hint, children }: { label: string; meta: FieldMetadata<any>; hint?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-stone-500">{hint}</p> : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextField({
  label,
  meta,
  type = "text",
  hint,
  ...rest
}: {
  label: string;
  meta: FieldMetadata<any>;
  type?: "text" | "password" | "tel" | "date" | "number" | "search";
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <Field label={label} meta={meta} hint={hint}>
      <input {...getInputProps(meta, { type })} {...rest} className={inputClass} />
    </Field>
  );
}

/**
 * The form's submit button, disabled while a page submission is on its way so a second click does
 * not send the form again; `pending` overrides that. A click landing before React redraws, or a
 * double click without JavaScript, can still send it twice.
 */
export function SubmitButton({ children, pending, className = "" }: { children: ReactNode; pending?: boolean; className?: string }) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      disabled={pending ?? navigation.state === "submitting"}
      className={`min-h-11 rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 ${className}`}
    >
      {children}
    </button>
  );
}

/** A create form's one-time token (see app/.server/form-once.ts); nothing when there is none. */
export function OnceField({ token }: { token?: string }) {
  return token ? <input type="hidden" name="once" value={token} /> : null;
}

/**
 * The reply meant for one of a page's forms. Each small form beside the page's main one sends its
 * `intent` (a hidden field) and the reply's initialValue carries it back: `resultFor(result, "cancel")`
 * takes the replies to the cancel form, `resultBesides(result, ["cancel"])` all the others.
 */
export function resultFor(result: SubmissionResult<string[]> | null | undefined, intent: string): SubmissionResult<string[]> | undefined {
  return result && result.initialValue?.intent === intent ? result : undefined;
}

export function resultBesides(
  result: SubmissionResult<string[]> | null | undefined,
  intents: string[],
): SubmissionResult<string[]> | undefined {
  const sent = result?.initialValue?.intent;
  return result && !(typeof sent === "string" && intents.includes(sent)) ? result : undefined;
}

/** Errors that belong to no field (Conform's form errors), shown above the submit button. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md bg-seal-50 p-3 text-sm text-seal-700">
      {errors.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}
