import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** A scan of a register file, for the admins over its committee and the reviewers named on it. */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "case_file", params.caseId, params.fileId);
