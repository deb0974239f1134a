import type { LoaderFunctionArgs } from "@remix-run/node";
import { reviewReportXlsx, reviewResults } from "~/.server/reviews/results";
import { findReview } from "~/.server/reviews/reviews";
import { requireAccess } from "~/.server/web/guards";
import { XLSX_TYPE, download } from "~/.server/web/http";

/** Bureau admins: a review's results as .xlsx (how it was drawn, every file, per mediator, committee, child node). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target } = await requireAccess(request, "review:manage", (_, scopes) => findReview(scopes, Number(params.id)));
  const results = await reviewResults(target.review);
  return download(await reviewReportXlsx(target.review, target.node, results), `${target.review.title}卷宗评查结果.xlsx`, XLSX_TYPE);
}
