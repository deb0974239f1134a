import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { ReviewStage, ReviewState, SamplingRule } from "~/lib/case-review";
import type { Rubric, RubricGrade } from "~/lib/rubric";
import { jsonColumn, nullableDecimalColumn } from "./columns";

/**
 * A case-file quality review (卷宗评查) a bureau opens for its subtree and a closing period
 * (migration 0020). The sample was drawn with `seed` under `rule` from `population` files (digest
 * and highest id recorded), so it can be drawn again; `rubric` is the library rubric as weighted for
 * this review.
 */
export class CaseReview extends Model<InferAttributes<CaseReview>, InferCreationAttributes<CaseReview>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare orgPath: string;
  declare title: string;
  declare periodFrom: string;
  declare periodTo: string;
  declare rule: SamplingRule;
  declare seed: string;
  declare population: number;
  declare populationDigest: string;
  declare maxFileId: number;
  declare rubricId: number | null;
  declare rubric: Rubric;
  declare passLine: number;
  declare deadline: string;
  declare state: CreationOptional<ReviewState>;
  declare createdBy: number | null;
  declare closedBy: CreationOptional<number | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CaseReview.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        title: { type: DataTypes.STRING(80), allowNull: false },
        periodFrom: { type: DataTypes.DATEONLY, allowNull: false },
        periodTo: { type: DataTypes.DATEONLY, allowNull: false },
        rule: jsonColumn("rule"),
        seed: { type: DataTypes.STRING(16), allowNull: false },
        population: { type: DataTypes.INTEGER, allowNull: false },
        populationDigest: { type: DataTypes.STRING(64), allowNull: false },
        maxFileId: { type: DataTypes.INTEGER, allowNull: false },
        rubricId: { type: DataTypes.INTEGER, allowNull: true },
        rubric: jsonColumn("rubric"),
        passLine: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 60 },
        deadline: { type: DataTypes.DATEONLY, allowNull: false },
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        closedBy: { type: DataTypes.INTEGER, allowNull: true },
        closedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "case_reviews", modelName: "CaseReview" },
    );
  }
}

/** A reviewer a review may assign files to. */
export class CaseReviewReviewer extends Model<InferAttributes<CaseReviewReviewer>, InferCreationAttributes<CaseReviewReviewer>> {
  declare reviewId: number;
  declare userId: number;

  static initModel(sequelize: Sequelize) {
    CaseReviewReviewer.init(
      {
        reviewId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: "case_review_reviewers", modelName: "CaseReviewReviewer", timestamps: false },
    );
  }
}

/** One sampled file of a review: who reviews it, where it stands, its grade and score. */
export class CaseReviewItem extends Model<InferAttributes<CaseReviewItem>, InferCreationAttributes<CaseReviewItem>> {
  declare id: CreationOptional<number>;
  declare reviewId: number;
  declare caseFileId: number;
  /** The file's committee and its path (copied when sampled), for the committee's admins. */
  declare orgUnitId: number;
  declare orgPath: string;
  declare primaryMediatorId: number;
  declare stratum: "confirmed" | "other" | "minimum";
  declare reviewerUserId: number | null;
  declare stage: CreationOptional<ReviewStage>;
  declare grade: CreationOptional<RubricGrade | null>;
  declare score: CreationOptional<number | null>;
  declare comment: CreationOptional<string | null>;
  declare mismatch: CreationOptional<boolean>;
  declare correctionNote: CreationOptional<string | null>;
  /** How many times the reviewer has scored it (a correction brings it back for another). */
  declare rounds: CreationOptional<number>;
  declare uploadedAt: CreationOptional<Date | null>;
  declare scoredAt: CreationOptional<Date | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CaseReviewItem.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        reviewId: { type: DataTypes.INTEGER, allowNull: false },
        caseFileId: { type: DataTypes.INTEGER, allowNull: false },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        primaryMediatorId: { type: DataTypes.INTEGER, allowNull: false },
        stratum: { type: DataTypes.STRING(12), allowNull: false },
        reviewerUserId: { type: DataTypes.INTEGER, allowNull: true },
        stage: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "awaiting_upload" },
        grade: jsonColumn("grade", true),
        score: nullableDecimalColumn("score", 6, 1),
        comment: { type: DataTypes.STRING(2000), allowNull: true },
        mismatch: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        correctionNote: { type: DataTypes.STRING(500), allowNull: true },
        rounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        uploadedAt: { type: DataTypes.DATE(3), allowNull: true },
        scoredAt: { type: DataTypes.DATE(3), allowNull: true },
        lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "case_review_items", modelName: "CaseReviewItem" },
    );
  }
}
