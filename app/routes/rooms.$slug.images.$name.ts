import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePublicRoomImage } from "~/.server/web/attachments";

/** Public: a size of a public room's photo or logo, from the attachment store. Asks nothing of the permission table. */
export async function loader({ params }: LoaderFunctionArgs) {
  return servePublicRoomImage(params.slug, params.name);
}
