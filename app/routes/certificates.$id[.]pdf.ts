import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificateView, findCertificate } from "~/.server/certificates/certificates";
import { certificatePdf } from "~/.server/certificates/pdf";
import { download } from "~/.server/web/http";
import { requireAccess } from "~/.server/web/guards";
import { publicOrigin } from "~/.server/web/verify";
import { formatCode, verifyPath } from "~/lib/certificate";

/** The certificate as a PDF, made on the server with an embedded Chinese font: for its holder and the bureau admins over them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "certificate:read", () => findCertificate(params.id));
  const view = await certificateView(target.certificate);
  const pdf = await certificatePdf(view, `${publicOrigin(request)}${verifyPath(view.code)}`);
  return download(Buffer.from(pdf), `等级证书-${view.holderName}-${formatCode(view.code)}.pdf`, "application/pdf");
}
