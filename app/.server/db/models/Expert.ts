import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { Availability, ConsultationStatus, ExpertField, ExpertState } from "~/lib/experts";

/** A city's or county's expert pool (调解专家库). Written only by app/.server/experts. */
export class ExpertPool extends Model<InferAttributes<ExpertPool>, InferCreationAttributes<ExpertPool>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare orgPath: string;
  declare name: string;
  declare termYears: CreationOptional<number>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    ExpertPool.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        name: { type: DataTypes.STRING(60), allowNull: false },
        termYears: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5 },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "expert_pools", modelName: "ExpertPool" },
    );
  }
}

/** One expert in a pool; the contact fields are private (never on a public page). */
export class Expert extends Model<InferAttributes<Expert>, InferCreationAttributes<Expert>> {
  declare id: CreationOptional<number>;
  declare poolId: number;
  /** The pool's org path (copied: the scope of the expert). */
  declare orgPath: string;
  declare name: string;
  declare field: ExpertField;
  declare title: string | null;
  declare organisation: string;
  declare termFrom: string;
  declare termUntil: string;
  declare phone: string | null;
  declare email: string | null;
  declare availability: CreationOptional<Availability>;
  declare mediatorId: number | null;
  declare userId: number | null;
  declare state: CreationOptional<ExpertState>;
  declare stateReason: CreationOptional<string | null>;
  declare noticeFrom: CreationOptional<string | null>;
  declare noticeUntil: CreationOptional<string | null>;
  declare listedOn: CreationOptional<string | null>;
  declare endedOn: CreationOptional<string | null>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Expert.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        poolId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        name: { type: DataTypes.STRING(40), allowNull: false },
        field: { type: DataTypes.STRING(20), allowNull: false },
        title: { type: DataTypes.STRING(40), allowNull: true },
        organisation: { type: DataTypes.STRING(80), allowNull: false },
        termFrom: { type: DataTypes.DATEONLY, allowNull: false },
        termUntil: { type: DataTypes.DATEONLY, allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        email: { type: DataTypes.STRING(100), allowNull: true },
        availability: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "available" },
        mediatorId: { type: DataTypes.INTEGER, allowNull: true },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "proposed" },
        stateReason: { type: DataTypes.STRING(300), allowNull: true },
        noticeFrom: { type: DataTypes.DATEONLY, allowNull: true },
        noticeUntil: { type: DataTypes.DATEONLY, allowNull: true },
        listedOn: { type: DataTypes.DATEONLY, allowNull: true },
        endedOn: { type: DataTypes.DATEONLY, allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "experts", modelName: "Expert" },
    );
  }
}

/** A mediator's consultation (咨询) of a listed expert about a dispute. */
export class Consultation extends Model<InferAttributes<Consultation>, InferCreationAttributes<Consultation>> {
  declare id: CreationOptional<number>;
  declare expertId: number;
  declare poolId: number;
  /** The pool's org path: the scope over which bureau admins see the thread list. */
  declare orgPath: string;
  declare askerUserId: number;
  /** The asking mediator's committee path (the grant they asked under). */
  declare askerOrgPath: string;
  declare caseFileId: number | null;
  declare subject: string;
  declare description: string;
  declare status: CreationOptional<ConsultationStatus>;
  declare lastMessageAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Consultation.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        expertId: { type: DataTypes.INTEGER, allowNull: false },
        poolId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        askerUserId: { type: DataTypes.INTEGER, allowNull: false },
        askerOrgPath: { type: DataTypes.STRING(255), allowNull: false },
        caseFileId: { type: DataTypes.INTEGER, allowNull: true },
        subject: { type: DataTypes.STRING(80), allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: "open" },
        lastMessageAt: { type: DataTypes.DATE(3), allowNull: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "consultations", modelName: "Consultation" },
    );
  }
}

/** One message of a consultation thread. */
export class ConsultationMessage extends Model<InferAttributes<ConsultationMessage>, InferCreationAttributes<ConsultationMessage>> {
  declare id: CreationOptional<number>;
  declare consultationId: number;
  declare authorUserId: number | null;
  declare fromExpert: boolean;
  declare body: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    ConsultationMessage.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        consultationId: { type: DataTypes.INTEGER, allowNull: false },
        authorUserId: { type: DataTypes.INTEGER, allowNull: true },
        fromExpert: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        body: { type: DataTypes.TEXT, allowNull: false },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "consultation_messages", modelName: "ConsultationMessage", updatedAt: false },
    );
  }
}
