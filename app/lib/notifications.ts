/**
 * What a notification is about. It stores this, never a URL; the page that lists messages builds
 * the link here, so renaming a route never breaks an old notification.
 */
export const NOTIFICATION_SUBJECTS = [
  "exercise",
  "log",
  "event",
  "course",
  "training_year",
  "case_review",
  "case_review_item",
  "certificate",
  "round_application",
  "round_panel",
  "round_announcement",
  "consultation",
] as const;
export type NotificationSubjectType = (typeof NOTIFICATION_SUBJECTS)[number];
export type NotificationSubject = { type: NotificationSubjectType; id: string | number | null };

export function notificationLink(subject: { type: string | null; id: string | null } | null): string | null {
  if (!subject?.type) return null;
  const id = subject.id ? encodeURIComponent(subject.id) : null;
  switch (subject.type) {
    case "exercise":
      return id && `/exercises/${id}`;
    case "log":
      return id && `/training/logs/${id}`;
    case "event":
      return id && `/events/${id}`;
    case "course":
      return id && `/courses/${id}`;
    case "training_year":
      return "/training";
    case "case_review":
      return "/reviews/assigned";
    case "case_review_item":
      return id && `/reviews/items/${id}/upload`;
    case "certificate":
      return id && `/certificates/${id}`;
    case "round_application":
      return id && `/applications/${id}`;
    case "round_panel":
      return id && `/rounds/${id}/score`;
    case "round_announcement":
      return id && `/announcements/${id}`;
    case "consultation":
      return id && `/consultations/${id}`;
    default:
      return null;
  }
}
