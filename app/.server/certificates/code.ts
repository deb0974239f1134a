import crypto from "node:crypto";
import type { Transaction } from "sequelize";
import { CODE_ALPHABET, CODE_BODY_LENGTH, checkCharacter } from "~/lib/certificate";
import { Certificate } from "../db/models";

/** A random code body from the OS's generator, with its check character appended. */
export function randomCode(): string {
  let body = "";
  for (let i = 0; i < CODE_BODY_LENGTH; i++) body += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return body + checkCharacter(body);
}

/** A code no certificate has yet (a repeat is all but impossible at 54 bits; the unique index is the last word). */
export async function newCode(transaction: Transaction): Promise<string> {
  for (;;) {
    const code = randomCode();
    if (!(await Certificate.count({ where: { code }, transaction }))) return code;
  }
}
