import type { LoaderFunctionArgs } from "@remix-run/node";
import { verifyPage } from "~/.server/web/verify";
import { renderVerifyDocument } from "~/components/VerifyPage";

/**
 * Public certificate verification (the QR code's target): no sign-in, and no data beyond the
 * masked view (app/.server/certificates/verify.ts). Public by decision: it asks nothing of the
 * permission table; failed lookups are throttled per address.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return verifyPage(request, params.code ?? "", renderVerifyDocument);
}
