import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";

export const EMPLOYMENT_KINDS = ["full_time", "part_time"] as const; // 专职 / 兼职
export type Employment = (typeof EMPLOYMENT_KINDS)[number];
export const MEDIATOR_STATUSES = ["active", "suspended", "dismissed"] as const; // 在岗 / 停职 / 解聘
export type MediatorStatus = (typeof MEDIATOR_STATUSES)[number];

/**
 * A People's Mediator on the roster (花名册), member of one committee. The roster issue adds
 * contact, ID, education and the user link; wave 2 adds the grade level.
 */
export class Mediator extends Model<InferAttributes<Mediator>, InferCreationAttributes<Mediator>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare name: string;
  declare gender: "male" | "female";
  declare birthYear: number | null;
  declare employment: Employment;
  declare appointedOn: string | null;
  declare status: CreationOptional<MediatorStatus>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Mediator.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        name: { type: DataTypes.STRING(50), allowNull: false },
        gender: { type: DataTypes.STRING(8), allowNull: false },
        birthYear: { type: DataTypes.INTEGER, allowNull: true },
        employment: { type: DataTypes.STRING(16), allowNull: false },
        appointedOn: { type: DataTypes.DATEONLY, allowNull: true },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "active" },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "mediators", modelName: "Mediator" },
    );
  }
}

/** One row per (mediator, dispute category) they specialise in; indexed for roster filters. */
export class MediatorSpecialty extends Model<
  InferAttributes<MediatorSpecialty>,
  InferCreationAttributes<MediatorSpecialty>
> {
  declare mediatorId: number;
  declare category: string;

  static initModel(sequelize: Sequelize) {
    MediatorSpecialty.init(
      {
        mediatorId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        category: { type: DataTypes.STRING(32), allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: "mediator_specialties", modelName: "MediatorSpecialty", timestamps: false },
    );
  }
}
