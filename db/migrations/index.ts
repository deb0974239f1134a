import type { Migration } from "./types";
import m0001 from "./0001-org-units";
import m0002 from "./0002-mediators";

/** Every migration, in order. A test checks that each numbered file in this folder is listed here. */
export const migrations: Migration[] = [m0001, m0002];
