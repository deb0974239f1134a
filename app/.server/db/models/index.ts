/**
 * Every model, bound to the process's connection: importing this module opens it (lazily: nothing
 * connects before the first query), so a model is ready to use wherever it is imported.
 */
import "../connection";
import { Mediator, MediatorSpecialty } from "./Mediator";
import { OrgUnit } from "./OrgUnit";
import { AuditEvent } from "./AuditEvent";
import { LoginFailure, RoleGrant, Session, User } from "./User";
import { CourseAssignment, CourseEnrolment, LessonProgress } from "./Course";
import { TrainingRecord } from "./TrainingRecord";
import { TrainingLog } from "./TrainingLog";
import { QuestionVersion, QuizAttempt, QuizAttemptItem } from "./Quiz";
import { Notification } from "./Notification";
import { FormSubmission } from "./FormSubmission";
import { TrainingPolicy } from "./TrainingPolicy";
import { Exercise, ExerciseSubmission, Rubric } from "./Exercise";
import { EventRegistration, EventTrainer, TrainingEvent } from "./TrainingEvent";
import { Attachment } from "./Attachment";
import { CaseFile, CaseFileAssistant } from "./CaseFile";
import { Certificate } from "./Certificate";

export {
  Attachment,
  AuditEvent,
  CaseFile,
  CaseFileAssistant,
  Certificate,
  Exercise,
  ExerciseSubmission,
  FormSubmission,
  Rubric,
  CourseAssignment,
  CourseEnrolment,
  EventRegistration,
  EventTrainer,
  LessonProgress,
  LoginFailure,
  Mediator,
  MediatorSpecialty,
  Notification,
  OrgUnit,
  QuestionVersion,
  QuizAttempt,
  QuizAttemptItem,
  RoleGrant,
  Session,
  TrainingEvent,
  TrainingLog,
  TrainingPolicy,
  TrainingRecord,
  User,
};

