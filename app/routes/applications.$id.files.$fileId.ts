import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** An application's evidence file, for whoever may read the application. */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "application", params.id, params.fileId);
