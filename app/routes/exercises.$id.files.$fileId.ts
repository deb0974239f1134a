import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAttachment } from "~/.server/web/attachments";

/** A case material of an exercise, for its audience and its staff. */
export const loader = ({ request, params }: LoaderFunctionArgs) => serveAttachment(request, "exercise", params.id, params.fileId);
