/** Actions the audit log records; labels live under `audit.actions.*` (dots as underscores). */
export const AUDIT_ACTIONS = [
  "mediator.created",
  "mediator.updated",
  "mediator.status_changed",
  "mediator.imported",
  "user.created",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "user.password_changed",
  "user.signed_out_everywhere",
  "grant.added",
  "grant.removed",
  "course.assigned",
  "training_log.verified",
  "training_log.rejected",
  "event.created",
] as const;
