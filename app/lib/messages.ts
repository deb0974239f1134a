import { MAX_FILE_BYTES, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./limits";

/**
 * The messages that replies and errors carry. A message is a locale key ("validation.required"),
 * or, when it needs a value known only when it was made (the most characters a field takes, the row
 * a duplicate repeats, the minutes of a rate limit), that key and its values as one JSON object:
 * `{"key":"validation.tooLong","max":50}`. Conform carries errors as strings, so the values travel
 * inside the string; `message` makes it and `readMessage` reads it (useErrorText in
 * app/components/form.tsx translates it), and nothing else looks inside.
 *
 * Limits that are constants (file sizes, rows of an import) are not carried: the key is plain and
 * the UI passes MESSAGE_LIMITS to every translation.
 */
export type MessageValues = Record<string, string | number>;
export type Message = { key: string; values: MessageValues };

export function message(key: string, values?: MessageValues): string {
  if (!values || Object.keys(values).length === 0) return key;
  return JSON.stringify({ ...values, key });
}

export function readMessage(text: string): Message {
  if (text.startsWith("{")) {
    try {
      const { key, ...values } = JSON.parse(text) as { key?: unknown } & MessageValues;
      if (typeof key === "string") return { key, values };
    } catch {
      // not one of ours: shown as it is
    }
  }
  return { key: text, values: {} };
}

/** Constant limits the messages mention ({{fileMb}}, {{importMb}}, {{importRows}}). */
export const MESSAGE_LIMITS = {
  fileMb: MAX_FILE_BYTES / 1024 / 1024,
  importMb: MAX_IMPORT_BYTES / 1024 / 1024,
  importRows: MAX_IMPORT_ROWS,
} as const;
