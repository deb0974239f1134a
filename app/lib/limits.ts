/** Size limits of uploads, shared by the server that enforces them and the messages that name them. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/**
 * The header by which the server hands a multipart request the private directory its file parts
 * are streamed into (server/upload-temp.ts); the server sets it itself, dropping one a client sent,
 * and removes the directory when the answer is out.
 */
export const UPLOAD_TEMP_HEADER = "x-academy-upload-temp";
