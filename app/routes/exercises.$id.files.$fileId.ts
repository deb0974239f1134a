import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAccess } from "~/.server/web/guards";
import { ExerciseFile } from "~/.server/db/models";
import { exerciseFor } from "~/.server/exercises/exercises";
import { uploadResponse } from "~/.server/web/uploads";

/** A case material of an exercise, for its audience and its staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { target: found } = await requireAccess(request, "exercise:read", (user, scopes) => exerciseFor({ id: user.id, scopes }, Number(params.id)));
  const fileId = Number(params.fileId);
  const file = Number.isSafeInteger(fileId) ? await ExerciseFile.findOne({ where: { id: fileId, exerciseId: found.exercise.id } }) : null;
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
