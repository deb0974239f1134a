import type { LoaderFunctionArgs } from "@remix-run/node";
import { directoryPage } from "~/.server/web/rooms";
import { renderDirectory } from "~/components/RoomPages";

/**
 * Public: the directory of named mediation rooms, filtered by region, specialty, kind and stars,
 * searched by name, motto or address, a page at a time; server-rendered, no script, no session.
 * Public by decision: it asks nothing of the permission table.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return directoryPage(request, renderDirectory);
}
