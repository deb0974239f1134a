import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Translates validation keys such as "validation.tooLong|50". */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: string) => {
    const [key, n] = error.split("|");
    return t(key, { n: n === undefined ? undefined : Number(n), defaultValue: key });
  };
}

/** Errors under a field; the space is reserved so the layout does not jump. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText();
  return (
    <div id={id} className="min-h-5 text-sm text-seal-600" aria-live="polite">
      {errors?.map((e) => <p key={e}>{text(e)}</p>)}
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
