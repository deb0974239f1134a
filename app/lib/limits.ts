/** Size limits of uploads, shared by the server that enforces them and the messages that name them. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
