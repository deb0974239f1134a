import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { ApplicationStage, Combine, Evidence, Outcome, RoundState, ScoreSheet, SubmittedFigures } from "~/lib/rounds";
import { jsonColumn, nullableDecimalColumn, decimalColumn } from "./columns";

/** A grade evaluation round (评定批次) a bureau opens for its subtree. Written only by app/.server/rounds. */
export class EvaluationRound extends Model<InferAttributes<EvaluationRound>, InferCreationAttributes<EvaluationRound>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare orgPath: string;
  declare title: string;
  /** The level keys applications may ask for (a range of the scheme, highest first). */
  declare levels: string[];
  declare periodFrom: string;
  declare periodTo: string;
  declare applicationsFrom: string;
  declare applicationsUntil: string;
  declare reviewsUntil: string;
  declare announcementDays: CreationOptional<number>;
  declare announcedOn: CreationOptional<string | null>;
  declare objectionsUntil: CreationOptional<string | null>;
  declare finalOn: CreationOptional<string | null>;
  declare validityYears: CreationOptional<number>;
  declare combine: CreationOptional<Combine>;
  declare examQuizId: CreationOptional<string | null>;
  declare state: CreationOptional<RoundState>;
  /** Bumped by every move into or out of "decided" (moves.ts): the report's cached distributions are keyed by it. */
  declare resultsVersion: CreationOptional<number>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    EvaluationRound.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        levels: jsonColumn("levels"),
        periodFrom: { type: DataTypes.DATEONLY, allowNull: false },
        periodTo: { type: DataTypes.DATEONLY, allowNull: false },
        applicationsFrom: { type: DataTypes.DATEONLY, allowNull: false },
        applicationsUntil: { type: DataTypes.DATEONLY, allowNull: false },
        reviewsUntil: { type: DataTypes.DATEONLY, allowNull: false },
        announcementDays: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 7 },
        announcedOn: { type: DataTypes.DATEONLY, allowNull: true },
        objectionsUntil: { type: DataTypes.DATEONLY, allowNull: true },
        finalOn: { type: DataTypes.DATEONLY, allowNull: true },
        validityYears: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 2 },
        combine: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "mean" },
        examQuizId: { type: DataTypes.STRING(64), allowNull: true },
        state: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "applications" },
        resultsVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, field: "results_version" },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "evaluation_rounds", modelName: "EvaluationRound" },
    );
  }
}

/** One mediator's application (申报) in a round, from draft to decision. */
export class RoundApplication extends Model<InferAttributes<RoundApplication>, InferCreationAttributes<RoundApplication>> {
  declare id: CreationOptional<number>;
  declare roundId: number;
  declare mediatorId: number;
  declare userId: number | null;
  /** The applicant's committee and its org path (copied: the scope of the application). */
  declare committeeId: number;
  declare orgPath: string;
  declare level: string;
  declare levelBefore: string | null;
  declare nominatedBy: CreationOptional<number | null>;
  declare stage: CreationOptional<ApplicationStage>;
  declare figures: CreationOptional<SubmittedFigures | null>;
  declare evidence: CreationOptional<Evidence | null>;
  declare returnedReason: CreationOptional<string | null>;
  declare submittedAt: CreationOptional<Date | null>;
  declare score: CreationOptional<number | null>;
  declare outcome: CreationOptional<Outcome | null>;
  declare awardedLevel: CreationOptional<string | null>;
  declare decisionReason: CreationOptional<string | null>;
  declare decidedBy: CreationOptional<number | null>;
  declare decidedAt: CreationOptional<Date | null>;
  declare certificateId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoundApplication.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        roundId: { type: DataTypes.INTEGER, allowNull: false },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        committeeId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        level: { type: DataTypes.STRING(16), allowNull: false },
        levelBefore: { type: DataTypes.STRING(16), allowNull: true },
        nominatedBy: { type: DataTypes.INTEGER, allowNull: true },
        stage: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "draft" },
        figures: jsonColumn("figures", true),
        evidence: jsonColumn("evidence", true),
        returnedReason: { type: DataTypes.STRING(500), allowNull: true },
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        score: nullableDecimalColumn("score", 6, 2),
        outcome: { type: DataTypes.STRING(12), allowNull: true },
        awardedLevel: { type: DataTypes.STRING(16), allowNull: true },
        decisionReason: { type: DataTypes.STRING(500), allowNull: true },
        decidedBy: { type: DataTypes.INTEGER, allowNull: true },
        decidedAt: { type: DataTypes.DATE(3), allowNull: true },
        certificateId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "round_applications", modelName: "RoundApplication" },
    );
  }
}

/** A member of a round's panel (评审委员会). */
export class RoundReviewer extends Model<InferAttributes<RoundReviewer>, InferCreationAttributes<RoundReviewer>> {
  declare roundId: number;
  declare userId: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoundReviewer.init(
      {
        roundId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "round_reviewers", modelName: "RoundReviewer" },
    );
  }
}

/** A relation a panel member declared with a mediator (亲属、同事…): they never score that application. */
export class RoundRelation extends Model<InferAttributes<RoundRelation>, InferCreationAttributes<RoundRelation>> {
  declare roundId: number;
  declare userId: number;
  declare mediatorId: number;
  declare relation: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoundRelation.init(
      {
        roundId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        relation: { type: DataTypes.STRING(100), allowNull: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "round_relations", modelName: "RoundRelation" },
    );
  }
}

/** One reviewer's score sheet for one application. */
export class RoundScore extends Model<InferAttributes<RoundScore>, InferCreationAttributes<RoundScore>> {
  declare id: CreationOptional<number>;
  declare applicationId: number;
  declare reviewerId: number;
  declare sheet: ScoreSheet;
  declare total: number;
  declare comment: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoundScore.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        applicationId: { type: DataTypes.INTEGER, allowNull: false },
        reviewerId: { type: DataTypes.INTEGER, allowNull: false },
        sheet: jsonColumn("sheet"),
        total: decimalColumn("total", 6, 2),
        comment: { type: DataTypes.STRING(1000), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "round_scores", modelName: "RoundScore" },
    );
  }
}

/** An objection (异议) to a round's announced results; the objector's contact is never shown publicly. */
export class RoundObjection extends Model<InferAttributes<RoundObjection>, InferCreationAttributes<RoundObjection>> {
  declare id: CreationOptional<number>;
  declare roundId: number;
  declare applicationId: number | null;
  declare objector: string;
  declare contact: string;
  declare text: string;
  declare state: CreationOptional<"open" | "answered">;
  declare answer: CreationOptional<string | null>;
  declare answeredBy: CreationOptional<number | null>;
  declare answeredAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoundObjection.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        roundId: { type: DataTypes.INTEGER, allowNull: false },
        applicationId: { type: DataTypes.INTEGER, allowNull: true },
        objector: { type: DataTypes.STRING(50), allowNull: false },
        contact: { type: DataTypes.STRING(100), allowNull: false },
        text: { type: DataTypes.STRING(2000), allowNull: false },
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        answer: { type: DataTypes.STRING(2000), allowNull: true },
        answeredBy: { type: DataTypes.INTEGER, allowNull: true },
        answeredAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "round_objections", modelName: "RoundObjection" },
    );
  }
}
