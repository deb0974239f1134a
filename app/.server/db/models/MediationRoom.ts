import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { DisputeCategory } from "~/lib/categories";
import type { Eligibility, RoomKind, RoomPolicy, RoomStatus, StarSheet } from "~/lib/rooms";
import { jsonColumn } from "./columns";

/** The stored sizes of a room's images: image name (photo-640.jpg) → attachment id. */
export type RoomImages = Record<string, number>;

/** A mediation room (调解室 / 调解工作室). Its status is written only by app/.server/rooms/moves.ts. */
export class MediationRoom extends Model<InferAttributes<MediationRoom>, InferCreationAttributes<MediationRoom>> {
  declare id: CreationOptional<number>;
  declare slug: string;
  declare name: string;
  declare nameKey: string;
  declare kind: RoomKind;
  declare committeeId: number;
  declare orgPath: string;
  declare countyId: number;
  declare specialties: DisputeCategory[];
  declare address: string;
  declare hours: string;
  /** The room's public contact (shown on its page), never a mediator's own phone. */
  declare phone: string;
  declare story: string;
  declare motto: string | null;
  declare images: CreationOptional<RoomImages | null>;
  declare status: CreationOptional<RoomStatus>;
  declare statusReason: CreationOptional<string | null>;
  declare statusOn: CreationOptional<string | null>;
  declare eligibility: CreationOptional<Eligibility[] | null>;
  declare appliedBy: number | null;
  declare submittedAt: CreationOptional<Date | null>;
  declare namedOn: CreationOptional<string | null>;
  declare docNo: CreationOptional<string | null>;
  declare plaque: CreationOptional<string | null>;
  declare stars: CreationOptional<number | null>;
  declare starsYear: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    MediationRoom.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        slug: { type: DataTypes.STRING(16), allowNull: false },
        name: { type: DataTypes.STRING(40), allowNull: false },
        nameKey: { type: DataTypes.STRING(40), allowNull: false },
        kind: { type: DataTypes.STRING(12), allowNull: false },
        committeeId: { type: DataTypes.INTEGER, allowNull: false },
        orgPath: { type: DataTypes.STRING(255), allowNull: false },
        countyId: { type: DataTypes.INTEGER, allowNull: false },
        specialties: jsonColumn("specialties"),
        address: { type: DataTypes.STRING(120), allowNull: false },
        hours: { type: DataTypes.STRING(60), allowNull: false },
        phone: { type: DataTypes.STRING(20), allowNull: false },
        story: { type: DataTypes.STRING(1000), allowNull: false },
        motto: { type: DataTypes.STRING(40), allowNull: true },
        images: jsonColumn("images", true),
        status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: "draft" },
        statusReason: { type: DataTypes.STRING(500), allowNull: true },
        statusOn: { type: DataTypes.DATEONLY, allowNull: true },
        eligibility: jsonColumn("eligibility", true),
        appliedBy: { type: DataTypes.INTEGER, allowNull: true },
        submittedAt: { type: DataTypes.DATE(3), allowNull: true },
        namedOn: { type: DataTypes.DATEONLY, allowNull: true },
        docNo: { type: DataTypes.STRING(60), allowNull: true },
        plaque: { type: DataTypes.STRING(60), allowNull: true },
        stars: { type: DataTypes.INTEGER, allowNull: true },
        starsYear: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "mediation_rooms", modelName: "MediationRoom" },
    );
  }
}

/** A mediator of a room; position 0 leads it (its eligibility is the room's). */
export class MediationRoomMediator extends Model<InferAttributes<MediationRoomMediator>, InferCreationAttributes<MediationRoomMediator>> {
  declare roomId: number;
  declare mediatorId: number;
  declare position: number;

  static initModel(sequelize: Sequelize) {
    MediationRoomMediator.init(
      {
        roomId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      },
      { sequelize, tableName: "mediation_room_mediators", modelName: "MediationRoomMediator", timestamps: false },
    );
  }
}

/** One year's star rating (评星定级) of a room: the proposed sheet and the stars the bureau gave. */
export class RoomRating extends Model<InferAttributes<RoomRating>, InferCreationAttributes<RoomRating>> {
  declare id: CreationOptional<number>;
  declare roomId: number;
  declare year: number;
  declare proposed: StarSheet;
  declare proposedStars: number;
  declare stars: number;
  declare reason: string | null;
  declare confirmedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoomRating.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        roomId: { type: DataTypes.INTEGER, allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        proposed: jsonColumn("proposed"),
        proposedStars: { type: DataTypes.INTEGER, allowNull: false },
        stars: { type: DataTypes.INTEGER, allowNull: false },
        reason: { type: DataTypes.STRING(500), allowNull: true },
        confirmedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "room_ratings", modelName: "RoomRating" },
    );
  }
}

/** A node's room rules; the nearest node up the tree with its own applies (else DEFAULT_ROOM_POLICY). */
export class RoomPolicyRow extends Model<InferAttributes<RoomPolicyRow>, InferCreationAttributes<RoomPolicyRow>> {
  declare orgUnitId: number;
  declare settings: RoomPolicy;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    RoomPolicyRow.init(
      {
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        settings: jsonColumn("settings"),
        updatedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "room_policies", modelName: "RoomPolicy" },
    );
  }
}
