import type { Migration } from "./types";
import m0001 from "./0001-org-units";
import m0002 from "./0002-mediators";
import m0003 from "./0003-accounts";
import m0004 from "./0004-roster-and-audit";
import m0005 from "./0005-courses-and-ledger";
import m0006 from "./0006-training-logs";
import m0007 from "./0007-training-events";
import m0008 from "./0008-event-materials";
import m0009 from "./0009-quizzes";
import m0010 from "./0010-answer-grading";
import m0011 from "./0011-exercises";
import m0012 from "./0012-notifications";
import m0013 from "./0013-training-stats";
import m0014 from "./0014-training-policies";
import m0015 from "./0015-compliance-rollups";
import m0016 from "./0016-form-submissions";
import m0017 from "./0017-attachments";
import m0018 from "./0018-case-register";
import m0019 from "./0019-notification-subjects";
import m0020 from "./0020-case-reviews";
import m0021 from "./0021-grade-levels";
import m0022 from "./0022-certificates";
import m0023 from "./0023-rate-limits";
import m0024 from "./0024-evaluation-rounds";
import m0025 from "./0025-scheduled-exams";
import m0026 from "./0026-mediator-name-key";
import m0027 from "./0027-pay-tables";
import m0028 from "./0028-mediation-rooms";
import m0029 from "./0029-expert-pools";
import m0030 from "./0030-round-result-indexes";
import m0031 from "./0031-background-work";
import m0032 from "./0032-request-path-indexes";
import m0033 from "./0033-public-page-versions";
import m0034 from "./0034-rollup-deltas";

/** Every migration, in order. A test checks that each numbered file in this folder is listed here. */
export const migrations: Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
  m0026,
  m0027,
  m0028,
  m0029,
  m0030,
  m0031,
  m0032,
  m0033,
  m0034,
];
