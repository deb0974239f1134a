import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** An evidence file, only for the log's author, its supervisor and admins over the mediator. */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "log", params.id, params.fileId);
