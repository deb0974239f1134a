import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { normaliseCode } from "~/lib/certificate";
import { verifyPage } from "~/.server/web/verify";
import { renderVerifyDocument } from "~/components/VerifyPage";

/** Public: the form to type a certificate's code; a submitted code goes to its own address. */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code")?.trim();
  if (typed) throw redirect(`/verify/${encodeURIComponent(normaliseCode(typed).slice(0, 40) || typed.slice(0, 40))}`);
  return verifyPage(request, undefined, renderVerifyDocument);
}
