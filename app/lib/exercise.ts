/** The forms an exercise credits in the ledger: 实训演练 or 案例评析. */
export const EXERCISE_FORMS = ["drill", "case_review"] as const;
/** Late work: accepted (marked late) or refused after the due time. */
export const LATE_POLICIES = ["accept", "refuse"] as const;
