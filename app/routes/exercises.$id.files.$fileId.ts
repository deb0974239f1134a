import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser, scopesOf } from "~/.server/auth/guards";
import { ExerciseFile } from "~/.server/db/models";
import { exerciseFor } from "~/.server/exercises/exercises";
import { uploadResponse } from "~/.server/uploads";

/** A case material of an exercise, for its audience and its staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await exerciseFor({ id: user.id, scopes: scopesOf(user, ["trainer", "bureau_admin"]) }, Number(params.id));
  const fileId = Number(params.fileId);
  const file = found && Number.isSafeInteger(fileId) ? await ExerciseFile.findOne({ where: { id: fileId, exerciseId: found.exercise.id } }) : null;
  const response = file ? uploadResponse(file) : null;
  if (!response) throw notFound();
  return response;
}
