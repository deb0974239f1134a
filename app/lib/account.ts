import { z } from "zod";
import { ROLES } from "./roles";
import { msg, oneOf, phone, requiredText } from "./validation";

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,32}$/;

export const newAccountSchema = z.object({
  username: z
    .string({ required_error: msg("required") })
    .trim()
    .regex(USERNAME_PATTERN, msg("username")),
  displayName: requiredText(50),
  phone: z.string().pipe(phone).optional(),
  role: oneOf(ROLES),
  orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
});

export const grantSchema = z.object({
  role: oneOf(ROLES),
  orgUnitId: z.number({ required_error: msg("required"), invalid_type_error: msg("choice") }).int(),
});

export const reasonSchema = z.object({ reason: requiredText(500) });
