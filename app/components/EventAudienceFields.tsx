import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { DISPUTE_CATEGORIES } from "~/lib/categories";
import { ErrorList } from "./form";

/** The optional parts of an event's audience and staff: specialties to invite, teaching trainers. */
export function EventAudienceFields({
  specialties,
  trainerIds,
  trainers,
  chosen,
}: {
  specialties: FieldMetadata<any>;
  trainerIds: FieldMetadata<any>;
  trainers: { id: number; name: string }[];
  chosen?: { specialties: string[]; trainerIds: number[] };
}) {
  const { t } = useTranslation();
  return (
    <div className="space-y-3 sm:col-span-2">
      <fieldset>
        <legend className="text-sm font-medium">{t("events.field.specialties")}</legend>
        <p className="text-xs text-stone-500">{t("events.specialtiesHint")}</p>
        <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-4">
          {DISPUTE_CATEGORIES.map((c) => (
            <label key={c} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={specialties.name}
                value={c}
                defaultChecked={chosen?.specialties.includes(c)}
                className="size-5"
              />
              {t(`category.${c}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={specialties.errors} />
      </fieldset>
      {trainers.length ? (
        <fieldset>
          <legend className="text-sm font-medium">{t("events.field.trainers")}</legend>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {trainers.map((tr) => (
              <label key={tr.id} className="flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={trainerIds.name}
                  value={tr.id}
                  defaultChecked={chosen?.trainerIds.includes(tr.id)}
                  className="size-5"
                />
                {tr.name}
              </label>
            ))}
          </div>
          <ErrorList errors={trainerIds.errors} />
        </fieldset>
      ) : null}
    </div>
  );
}
