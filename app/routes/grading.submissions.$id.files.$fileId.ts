import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** A file of a submission, for graders whose subtree holds it (and for its author). */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "submission", params.id, params.fileId);
