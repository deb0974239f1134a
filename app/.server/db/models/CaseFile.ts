import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { DisputeCategory } from "~/lib/categories";
import type { AgreementForm, CaseOutcome, CaseSource, Confirmation, Performance } from "~/lib/case-file";

/**
 * One mediated dispute in a committee's register (调解案件台账). (orgUnitId, fileNo) is unique.
 * `orgPath` copies the committee's path when the file is written (app/.server/cases/register.ts).
 * `voided`/`voidReason` are set by the case-file review (卷宗评查) when the file is missing or does
 * not match the register (与台账不符); a voided file counts in no figure until it is corrected.
 */
export class CaseFile extends Model<InferAttributes<CaseFile>, InferCreationAttributes<CaseFile>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare orgPath: string;
  declare fileNo: string;
  declare primaryMediatorId: number;
  declare category: DisputeCategory;
  declare source: CaseSource;
  declare receivedOn: string;
  declare closedOn: string;
  declare outcome: CaseOutcome;
  declare agreementForm: AgreementForm | null;
  declare confirmation: Confirmation;
  declare followUp: boolean;
  declare performed: Performance | null;
  declare parties: number;
  declare amount: number | null;
  declare summary: string;
  declare voided: CreationOptional<boolean>;
  declare voidReason: CreationOptional<string | null>;
  declare createdBy: number | null;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CaseFile.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        fileNo: { type: DataTypes.STRING(40), allowNull: false },
        primaryMediatorId: { type: DataTypes.INTEGER, allowNull: false },
        category: { type: DataTypes.STRING(24), allowNull: false },
        source: { type: DataTypes.STRING(16), allowNull: false },
        receivedOn: { type: DataTypes.DATEONLY, allowNull: false },
        closedOn: { type: DataTypes.DATEONLY, allowNull: false },
        outcome: { type: DataTypes.STRING(16), allowNull: false },
        agreementForm: { type: DataTypes.STRING(8), allowNull: true },
        confirmation: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "none" },
        followUp: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        performed: { type: DataTypes.STRING(8), allowNull: true },
        parties: { type: DataTypes.INTEGER, allowNull: false },
        amount: {
          type: DataTypes.DECIMAL(14, 2),
          allowNull: true,
          get(this: CaseFile) {
            const v = this.getDataValue("amount");
            return v == null ? null : Number(v);
          },
        },
        summary: { type: DataTypes.STRING(300), allowNull: false },
        voided: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        voidReason: { type: DataTypes.STRING(200), allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        updatedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "case_files", modelName: "CaseFile" },
    );
  }
}

/** An assisting mediator (协办调解员) of a file. */
export class CaseFileAssistant extends Model<InferAttributes<CaseFileAssistant>, InferCreationAttributes<CaseFileAssistant>> {
  declare caseFileId: number;
  declare mediatorId: number;

  static initModel(sequelize: Sequelize) {
    CaseFileAssistant.init(
      {
        caseFileId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: "case_file_assistants", modelName: "CaseFileAssistant", timestamps: false },
    );
  }
}
