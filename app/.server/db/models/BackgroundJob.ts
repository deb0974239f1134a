import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";

export const JOB_STATUSES = ["queued", "running", "done", "failed", "superseded"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Work queued by a request and run by the background lease's holder (background_jobs, migration 0031; app/.server/jobs/). */
export class BackgroundJob extends Model<InferAttributes<BackgroundJob>, InferCreationAttributes<BackgroundJob>> {
  declare id: CreationOptional<number>;
  declare kind: string;
  declare orgUnitId: number;
  declare year: number;
  declare status: JobStatus;
  declare total: number;
  declare processed: CreationOptional<number>;
  declare afterId: CreationOptional<number>;
  declare error: string | null;
  declare requestedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare startedAt: Date | null;
  declare finishedAt: Date | null;

  static initModel(sequelize: Sequelize) {
    BackgroundJob.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        kind: { type: DataTypes.STRING(40), allowNull: false },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        total: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        processed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        afterId: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        error: { type: DataTypes.STRING(300), allowNull: true },
        requestedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        startedAt: { type: DataTypes.DATE(3), allowNull: true },
        finishedAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: "background_jobs", modelName: "BackgroundJob", updatedAt: false },
    );
  }
}
