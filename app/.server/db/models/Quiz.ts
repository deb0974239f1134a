import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { decimalColumn, jsonColumn, nullableDecimalColumn } from "./columns";
import type { AttemptSettings } from "~/lib/quiz";

/** in_progress → graded, or → pending while short answers wait for a trainer; closed by the user or the deadline. */
export type { AttemptState, ClosedBy } from "~/lib/quiz-view";
import type { AttemptState, ClosedBy } from "~/lib/quiz-view";

/** The exact text and key of one question version an attempt was given; written once, never changed. */
export class QuestionVersion extends Model<InferAttributes<QuestionVersion>, InferCreationAttributes<QuestionVersion>> {
  declare questionId: string;
  declare version: string;
  declare body: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    QuestionVersion.init(
      {
        questionId: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
        version: { type: DataTypes.STRING(16), allowNull: false, primaryKey: true },
        body: { type: DataTypes.TEXT, allowNull: false },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "question_versions", modelName: "QuestionVersion", updatedAt: false },
    );
  }
}

export class QuizAttempt extends Model<InferAttributes<QuizAttempt>, InferCreationAttributes<QuizAttempt>> {
  declare id: CreationOptional<number>;
  declare quizId: string;
  declare userId: number;
  declare mediatorId: number | null;
  declare orgPath: string | null;
  declare number: number;
  declare state: AttemptState;
  declare settings: AttemptSettings;
  declare startedAt: Date;
  declare deadlineAt: Date | null;
  declare submittedAt: CreationOptional<Date | null>;
  declare closedBy: CreationOptional<ClosedBy | null>;
  declare score: CreationOptional<number | null>;
  declare maxScore: number;
  declare percent: CreationOptional<number | null>;
  declare passed: CreationOptional<boolean | null>;
  declare gradings: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    QuizAttempt.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        quizId: { type: DataTypes.STRING(64), allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        mediatorId: { type: DataTypes.INTEGER, allowNull: true },
        orgPath: { type: DataTypes.STRING(255), allowNull: true },
        number: { type: DataTypes.INTEGER, allowNull: false },
        state: { type: DataTypes.STRING(16), allowNull: false },
        settings: jsonColumn("settings"),
        startedAt: { type: DataTypes.DATE(3), allowNull: false },
        deadlineAt: { type: DataTypes.DATE(3), allowNull: true },
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        closedBy: { type: DataTypes.STRING(16), allowNull: true },
        score: nullableDecimalColumn("score", 7, 2),
        maxScore: decimalColumn("maxScore", 7, 2),
        percent: nullableDecimalColumn("percent", 5, 2),
        passed: { type: DataTypes.BOOLEAN, allowNull: true },
        gradings: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "quiz_attempts", modelName: "QuizAttempt" },
    );
  }
}

/** One drawn question of an attempt: its version, the order its options were shown in, the saved answer. */
export class QuizAttemptItem extends Model<InferAttributes<QuizAttemptItem>, InferCreationAttributes<QuizAttemptItem>> {
  declare id: CreationOptional<number>;
  declare attemptId: number;
  declare position: number;
  declare questionId: string;
  declare questionVersion: string;
  declare optionOrder: string[];
  /** Option ids (choice), ["true"|"false"], or [text] (short). */
  declare answer: CreationOptional<string[] | null>;
  declare answeredAt: CreationOptional<Date | null>;
  declare points: number;
  declare score: CreationOptional<number | null>;
  declare gradedBy: CreationOptional<number | null>;
  declare gradedAt: CreationOptional<Date | null>;
  declare graderComment: CreationOptional<string | null>;
  declare lockVersion: CreationOptional<number>;

  static initModel(sequelize: Sequelize) {
    QuizAttemptItem.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        attemptId: { type: DataTypes.INTEGER, allowNull: false },
        position: { type: DataTypes.INTEGER, allowNull: false },
        questionId: { type: DataTypes.STRING(64), allowNull: false },
        questionVersion: { type: DataTypes.STRING(16), allowNull: false },
        optionOrder: jsonColumn("optionOrder"),
        answer: jsonColumn("answer", true),
        answeredAt: { type: DataTypes.DATE(3), allowNull: true },
        points: decimalColumn("points", 6, 2),
        score: nullableDecimalColumn("score", 6, 2),
        gradedBy: { type: DataTypes.INTEGER, allowNull: true },
        gradedAt: { type: DataTypes.DATE(3), allowNull: true },
        graderComment: { type: DataTypes.TEXT, allowNull: true },
        lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      },
      { sequelize, tableName: "quiz_attempt_items", modelName: "QuizAttemptItem", timestamps: false },
    );
  }
}
