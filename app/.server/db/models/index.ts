import type { Sequelize } from "sequelize";
import { Mediator, MediatorSpecialty } from "./Mediator";
import { OrgUnit } from "./OrgUnit";
import { AuditEvent } from "./AuditEvent";
import { LoginFailure, RoleGrant, Session, User } from "./User";
import { CourseAssignment, CourseEnrolment, LessonProgress } from "./Course";
import { TrainingRecord } from "./TrainingRecord";
import { TrainingLog, TrainingLogFile } from "./TrainingLog";
import { QuestionVersion, QuizAttempt, QuizAttemptItem } from "./Quiz";
import { Notification } from "./Notification";
import { FormSubmission } from "./FormSubmission";
import { TrainingPolicy } from "./TrainingPolicy";
import { Exercise, ExerciseFile, ExerciseSubmission, Rubric, SubmissionFile } from "./Exercise";
import { EventRegistration, EventTrainer, TrainingEvent, TrainingEventFile } from "./TrainingEvent";
import { CaseFile, CaseFileAssistant } from "./CaseFile";

export {
  AuditEvent,
  CaseFile,
  CaseFileAssistant,
  Exercise,
  ExerciseFile,
  ExerciseSubmission,
  FormSubmission,
  Rubric,
  SubmissionFile,
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
  TrainingEventFile,
  TrainingLog,
  TrainingLogFile,
  TrainingPolicy,
  TrainingRecord,
  User,
};

/** Binds every model to the connection and declares their associations. */
export function initModels(sequelize: Sequelize) {
  OrgUnit.initModel(sequelize);
  Mediator.initModel(sequelize);
  MediatorSpecialty.initModel(sequelize);
  User.initModel(sequelize);
  RoleGrant.initModel(sequelize);
  Session.initModel(sequelize);
  LoginFailure.initModel(sequelize);
  AuditEvent.initModel(sequelize);
  FormSubmission.initModel(sequelize);
  CourseEnrolment.initModel(sequelize);
  LessonProgress.initModel(sequelize);
  CourseAssignment.initModel(sequelize);
  TrainingRecord.initModel(sequelize);
  TrainingLog.initModel(sequelize);
  TrainingLogFile.initModel(sequelize);
  TrainingEvent.initModel(sequelize);
  EventRegistration.initModel(sequelize);
  TrainingEventFile.initModel(sequelize);
  EventTrainer.initModel(sequelize);
  QuestionVersion.initModel(sequelize);
  QuizAttempt.initModel(sequelize);
  QuizAttemptItem.initModel(sequelize);
  Rubric.initModel(sequelize);
  Exercise.initModel(sequelize);
  ExerciseFile.initModel(sequelize);
  ExerciseSubmission.initModel(sequelize);
  SubmissionFile.initModel(sequelize);
  Notification.initModel(sequelize);
  TrainingPolicy.initModel(sequelize);
  CaseFile.initModel(sequelize);
  CaseFileAssistant.initModel(sequelize);

  OrgUnit.belongsTo(OrgUnit, { as: "parent", foreignKey: "parentId" });
  OrgUnit.hasMany(OrgUnit, { as: "children", foreignKey: "parentId" });
  Mediator.belongsTo(OrgUnit, { as: "committee", foreignKey: "orgUnitId" });
  Mediator.hasMany(MediatorSpecialty, { as: "specialties", foreignKey: "mediatorId" });
  Mediator.belongsTo(User, { as: "user", foreignKey: "userId" });
  User.hasMany(RoleGrant, { as: "grants", foreignKey: "userId" });
  RoleGrant.belongsTo(User, { as: "user", foreignKey: "userId" });
  RoleGrant.belongsTo(OrgUnit, { as: "orgUnit", foreignKey: "orgUnitId" });
  User.hasOne(Mediator, { as: "mediator", foreignKey: "userId" });
  AuditEvent.belongsTo(User, { as: "actor", foreignKey: "actorUserId" });
  CourseEnrolment.hasMany(LessonProgress, { as: "progress", foreignKey: "enrolmentId" });
  CourseAssignment.belongsTo(OrgUnit, { as: "orgUnit", foreignKey: "orgUnitId" });
  TrainingLog.hasMany(TrainingLogFile, { as: "files", foreignKey: "logId" });
  TrainingLog.belongsTo(Mediator, { as: "mediator", foreignKey: "mediatorId" });
  TrainingLog.belongsTo(User, { as: "supervisor", foreignKey: "supervisorUserId" });
  TrainingEvent.hasMany(EventRegistration, { as: "registrations", foreignKey: "eventId" });
  TrainingEvent.hasMany(TrainingEventFile, { as: "files", foreignKey: "eventId" });
  TrainingEvent.belongsToMany(User, { through: EventTrainer, as: "trainers", foreignKey: "eventId", otherKey: "userId" });
  TrainingEvent.belongsTo(OrgUnit, { as: "audience", foreignKey: "audienceOrgUnitId" });
  EventRegistration.belongsTo(User, { as: "user", foreignKey: "userId" });
  EventRegistration.belongsTo(TrainingEvent, { as: "event", foreignKey: "eventId" });
  QuizAttempt.hasMany(QuizAttemptItem, { as: "items", foreignKey: "attemptId" });
  QuizAttempt.belongsTo(Mediator, { as: "mediator", foreignKey: "mediatorId" });
  Rubric.belongsTo(OrgUnit, { as: "orgUnit", foreignKey: "orgUnitId" });
  Exercise.belongsTo(OrgUnit, { as: "orgUnit", foreignKey: "orgUnitId" });
  Exercise.hasMany(ExerciseFile, { as: "files", foreignKey: "exerciseId" });
  Exercise.hasMany(ExerciseSubmission, { as: "submissions", foreignKey: "exerciseId" });
  ExerciseSubmission.belongsTo(Exercise, { as: "exercise", foreignKey: "exerciseId" });
  ExerciseSubmission.belongsTo(Mediator, { as: "mediator", foreignKey: "mediatorId" });
  ExerciseSubmission.hasMany(SubmissionFile, { as: "files", foreignKey: "submissionId" });
  SubmissionFile.belongsTo(ExerciseSubmission, { as: "submission", foreignKey: "submissionId" });
  CaseFile.belongsTo(OrgUnit, { as: "committee", foreignKey: "orgUnitId" });
  CaseFile.belongsTo(Mediator, { as: "primaryMediator", foreignKey: "primaryMediatorId" });
  CaseFile.hasMany(CaseFileAssistant, { as: "assistants", foreignKey: "caseFileId" });
}
