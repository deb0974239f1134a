import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";

/** A create form sent with a one-time token: a digest of what it held and where it led (see form-once.ts). */
export class FormSubmission extends Model<InferAttributes<FormSubmission>, InferCreationAttributes<FormSubmission>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare token: string;
  declare digest: string;
  declare location: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    FormSubmission.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        token: { type: DataTypes.CHAR(32).BINARY, allowNull: false },
        digest: { type: DataTypes.CHAR(64).BINARY, allowNull: false },
        location: { type: DataTypes.STRING(255), allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "form_submissions", modelName: "FormSubmission", updatedAt: false },
    );
  }
}
