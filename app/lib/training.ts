/** Training forms (培训形式) used by events, logs, courses and exercises; labels under `training.form.*`. */
export const TRAINING_FORMS = [
  "lecture", // 集中授课
  "seminar", // 交流研讨
  "case_review", // 案例评析
  "observation", // 现场观摩
  "court_hearing", // 旁听庭审
  "drill", // 实训演练
  "forum", // 调解大讲堂
  "live_online", // 线上直播
  "online_course", // 线上课程
  "mentoring", // 跟班带教
  "other", // 其他
] as const;
export type TrainingForm = (typeof TRAINING_FORMS)[number];
