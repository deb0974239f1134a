/**
 * Every model, bound to the process's connection: importing this module opens it (lazily: nothing
 * connects before the first query), so a model is ready to use wherever it is imported.
 */
import "../connection";
import { Mediator, MediatorSpecialty } from "./Mediator";
import { OrgUnit } from "./OrgUnit";
import { AuditEvent } from "./AuditEvent";
import { RoleGrant, Session, User } from "./User";
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
import { CaseReview, CaseReviewItem, CaseReviewReviewer } from "./CaseReview";
import { LevelScheme, MediatorLevel, MediatorSanction } from "./GradeLevel";
import { Certificate } from "./Certificate";
import { PayTable } from "./PayTable";
import { BackgroundJob } from "./BackgroundJob";
import { EvaluationRound, RoundApplication, RoundObjection, RoundRelation, RoundReviewer, RoundScore } from "./EvaluationRound";
import { ScheduledExam } from "./ScheduledExam";
import { Consultation, ConsultationMessage, Expert, ExpertPool } from "./Expert";
import { MediationRoom, MediationRoomMediator, RoomPolicyRow, RoomRating } from "./MediationRoom";

export {
  BackgroundJob,
  MediationRoom,
  MediationRoomMediator,
  RoomPolicyRow,
  RoomRating,
  Attachment,
  AuditEvent,
  CaseFile,
  CaseFileAssistant,
  CaseReview,
  CaseReviewItem,
  CaseReviewReviewer,
  Certificate,
  Consultation,
  ConsultationMessage,
  Expert,
  ExpertPool,
  PayTable,
  EvaluationRound,
  RoundApplication,
  RoundObjection,
  RoundRelation,
  RoundReviewer,
  RoundScore,
  Exercise,
  ExerciseSubmission,
  FormSubmission,
  Rubric,
  CourseAssignment,
  CourseEnrolment,
  EventRegistration,
  EventTrainer,
  LessonProgress,
  LevelScheme,
  MediatorLevel,
  MediatorSanction,
  Mediator,
  MediatorSpecialty,
  Notification,
  OrgUnit,
  QuestionVersion,
  QuizAttempt,
  QuizAttemptItem,
  RoleGrant,
  ScheduledExam,
  Session,
  TrainingEvent,
  TrainingLog,
  TrainingPolicy,
  TrainingRecord,
  User,
};
