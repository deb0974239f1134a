import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { TrainingForm } from "~/lib/training";
import type { Rubric as RubricSnapshot, RubricCriterion, RubricGrade } from "~/lib/rubric";
import { decimalColumn, jsonColumn, nullableDecimalColumn } from "./columns";

/** A rubric in the library of an org node (shared with everything below it). */
export class Rubric extends Model<InferAttributes<Rubric>, InferCreationAttributes<Rubric>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare title: string;
  declare description: string | null;
  declare criteria: RubricCriterion[];
  declare maxPoints: number;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Rubric.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(60), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        criteria: jsonColumn("criteria"),
        maxPoints: decimalColumn("maxPoints", 6, 1),
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "rubrics", modelName: "Rubric" },
    );
  }
}

export type LatePolicy = "accept" | "refuse";

/** An exercise (实训作业) with the rubric it is graded by, copied when it was set. */
export class Exercise extends Model<InferAttributes<Exercise>, InferCreationAttributes<Exercise>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare title: string;
  declare brief: string;
  declare rubricId: number | null;
  declare rubric: RubricSnapshot;
  declare passPercent: number;
  declare audienceOrgUnitId: number | null;
  declare audienceCourseSlug: string | null;
  declare dueAt: Date;
  declare latePolicy: LatePolicy;
  declare resubmissions: number;
  declare hours: number;
  declare form: TrainingForm;
  declare anonymous: boolean;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Exercise.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        brief: { type: DataTypes.TEXT, allowNull: false },
        rubricId: { type: DataTypes.INTEGER, allowNull: true },
        rubric: jsonColumn("rubric"),
        passPercent: decimalColumn("passPercent", 5, 2),
        audienceOrgUnitId: { type: DataTypes.INTEGER, allowNull: true },
        audienceCourseSlug: { type: DataTypes.STRING(64), allowNull: true },
        dueAt: { type: DataTypes.DATE(3), allowNull: false },
        latePolicy: { type: DataTypes.STRING(16), allowNull: false },
        resubmissions: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        hours: decimalColumn("hours", 4, 1),
        form: { type: DataTypes.STRING(24), allowNull: false },
        anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "exercises", modelName: "Exercise" },
    );
  }
}

/** draft → submitted → graded (a grader's draft) → released; or submitted/graded → returned → submitted again. */
export type SubmissionState = "draft" | "submitted" | "graded" | "returned" | "released";

export class ExerciseSubmission extends Model<InferAttributes<ExerciseSubmission>, InferCreationAttributes<ExerciseSubmission>> {
  declare id: CreationOptional<number>;
  declare exerciseId: number;
  declare userId: number;
  declare mediatorId: number | null;
  declare orgPath: string | null;
  declare state: SubmissionState;
  declare body: string;
  declare round: CreationOptional<number>;
  declare submittedAt: CreationOptional<Date | null>;
  declare late: CreationOptional<boolean>;
  declare anonCode: string;
  declare grade: CreationOptional<RubricGrade | null>;
  declare overallComment: CreationOptional<string | null>;
  declare score: CreationOptional<number | null>;
  declare passed: CreationOptional<boolean | null>;
  declare gradedBy: CreationOptional<number | null>;
  declare gradedAt: CreationOptional<Date | null>;
  declare releasedAt: CreationOptional<Date | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    ExerciseSubmission.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        exerciseId: { type: DataTypes.INTEGER, allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        mediatorId: { type: DataTypes.INTEGER, allowNull: true },
        orgPath: { type: DataTypes.STRING(255), allowNull: true },
        state: { type: DataTypes.STRING(16), allowNull: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        round: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        anonCode: { type: DataTypes.STRING(12), allowNull: false },
        grade: jsonColumn("grade", true),
        overallComment: { type: DataTypes.TEXT, allowNull: true },
        score: nullableDecimalColumn("score", 6, 1),
        passed: { type: DataTypes.BOOLEAN, allowNull: true },
        gradedBy: { type: DataTypes.INTEGER, allowNull: true },
        gradedAt: { type: DataTypes.DATE(3), allowNull: true },
        releasedAt: { type: DataTypes.DATE(3), allowNull: true },
        lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "exercise_submissions", modelName: "ExerciseSubmission" },
    );
  }
}
