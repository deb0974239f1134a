import { maskIdCard, yearsOfService, type ProfileView } from "~/lib/mediator";
import type { Mediator, MediatorSpecialty, OrgUnit } from "../db/models";
import { getAncestry } from "../org";
import { schemeAt } from "../levels/scheme";

/** What a profile page shows: no ID number, only its masked form; the org chain for context. */
export async function profileView(mediator: Mediator): Promise<ProfileView> {
  const committee = mediator.get("committee") as OrgUnit;
  const chain = await getAncestry(committee);
  // The roster keeps the level's key; its name is the province scheme's.
  const level = mediator.gradeLevel
    ? ((await schemeAt(mediator.orgPath)).scheme.levels.find((l) => l.key === mediator.gradeLevel)?.name ?? mediator.gradeLevel)
    : null;
  return {
    id: mediator.id,
    name: mediator.name,
    gender: mediator.gender,
    birthYear: mediator.birthYear,
    phone: mediator.phone,
    idCard: maskIdCard(mediator.idCardLast4),
    education: mediator.education,
    committee: committee.name,
    orgChain: chain.map((u) => u.name),
    employment: mediator.employment,
    appointedOn: mediator.appointedOn,
    yearsOfService: yearsOfService(mediator.appointedOn),
    specialties: ((mediator.get("specialties") as MediatorSpecialty[] | undefined) ?? []).map((s) => s.category),
    isExpert: mediator.isExpert,
    status: mediator.status,
    statusChangedOn: mediator.statusChangedOn,
    statusReason: mediator.statusReason,
    gradeLevel: level,
  };
}
