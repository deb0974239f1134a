import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { RevocationCategory, StoredStatus } from "~/lib/certificate";

/**
 * A grade certificate (等级证书): one level awarded to one mediator by one org node. The holder's
 * name, the level's display name and the issuer's name are kept as printed on the day of issue.
 * `status` is the last decision (valid, revoked, downgraded, superseded); "expired" is read from
 * `validUntil` (app/lib/certificate.ts, statusOn). Written only by app/.server/certificates.
 */
export class Certificate extends Model<InferAttributes<Certificate>, InferCreationAttributes<Certificate>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare mediatorId: number;
  declare holderName: string;
  declare holderOrgPath: string;
  declare level: string;
  declare levelName: string;
  declare issuerOrgUnitId: number;
  declare issuerName: string;
  declare issuedOn: string;
  declare validUntil: string;
  declare roundId: number | null;
  declare status: CreationOptional<StoredStatus>;
  declare statusOn: CreationOptional<string | null>;
  declare revocationCategory: CreationOptional<RevocationCategory | null>;
  declare statusReason: CreationOptional<string | null>;
  declare supersededById: CreationOptional<number | null>;
  declare issuedBy: number | null;
  declare statusBy: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Certificate.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false },
        holderName: { type: DataTypes.STRING(50), allowNull: false },
        holderOrgPath: { type: DataTypes.STRING(255), allowNull: false },
        level: { type: DataTypes.STRING(16), allowNull: false },
        levelName: { type: DataTypes.STRING(40), allowNull: false },
        issuerOrgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        issuerName: { type: DataTypes.STRING(100), allowNull: false },
        issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
        validUntil: { type: DataTypes.DATEONLY, allowNull: false },
        roundId: { type: DataTypes.INTEGER, allowNull: true },
        status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "valid" },
        statusOn: { type: DataTypes.DATEONLY, allowNull: true },
        revocationCategory: { type: DataTypes.STRING(24), allowNull: true },
        statusReason: { type: DataTypes.STRING(500), allowNull: true },
        supersededById: { type: DataTypes.INTEGER, allowNull: true },
        issuedBy: { type: DataTypes.INTEGER, allowNull: true },
        statusBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "certificates", modelName: "Certificate" },
    );
  }
}
