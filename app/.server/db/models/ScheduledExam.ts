import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { DisputeCategory } from "~/lib/categories";
import type { ExamRule } from "~/lib/exam";
import type { MultipleScoring, ReviewPolicy } from "~/lib/quiz";
import { jsonColumn } from "./columns";

export type ExamAudience = { committeeIds: number[]; specialties: DisputeCategory[] };
export type ExamSettings = {
  attemptsAllowed: number;
  passMark: number;
  timeLimitMinutes: number | null;
  review: ReviewPolicy;
  multipleScoring: MultipleScoring;
};

/**
 * An exam scheduled by a bureau (考试安排), taken through the quiz engine as the quiz "exam-<id>".
 * Written only by app/.server/exams/exams.ts.
 */
export class ScheduledExam extends Model<InferAttributes<ScheduledExam>, InferCreationAttributes<ScheduledExam>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  /** The node's org path, copied when the exam is made. */
  declare orgPath: string;
  declare title: string;
  declare audience: ExamAudience;
  declare draw: ExamRule[];
  declare settings: ExamSettings;
  declare opensAt: Date;
  declare closesAt: Date;
  declare roundId: CreationOptional<number | null>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    ScheduledExam.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        audience: jsonColumn("audience"),
        draw: jsonColumn("draw"),
        settings: jsonColumn("settings"),
        opensAt: { type: DataTypes.DATE(3), allowNull: false },
        closesAt: { type: DataTypes.DATE(3), allowNull: false },
        roundId: { type: DataTypes.INTEGER, allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "scheduled_exams", modelName: "ScheduledExam" },
    );
  }
}
