import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** A material of an event, for whoever may see the event. */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "event", params.id, params.fileId);
