import {
  DataTypes,
  Model,
  QueryTypes,
  type Transaction,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from "sequelize";

import type { Education, Employment, MediatorStatus } from "~/lib/mediator";

export type { Education, Employment, MediatorStatus };

/**
 * A People's Mediator on the roster (花名册), member of one committee, linked to a user account
 * when they have one. The ID-card number is kept only as an HMAC plus its last four characters.
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
  declare userId: CreationOptional<number | null>;
  declare phone: string | null;
  declare idCardHash: CreationOptional<string | null>;
  declare idCardLast4: CreationOptional<string | null>;
  declare education: CreationOptional<Education | null>;
  declare isExpert: CreationOptional<boolean>;
  declare statusChangedOn: CreationOptional<string | null>;
  declare statusReason: CreationOptional<string | null>;
  declare gradeLevel: CreationOptional<string | null>;
  /** Copy of the committee's org path, kept by the hooks below; never set it by hand. */
  declare orgPath: CreationOptional<string>;
  /** The name's pinyin sort key (roster/name-key.ts), written by roster/entries.ts. */
  declare nameKey: CreationOptional<string>;
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
        userId: { type: DataTypes.INTEGER, allowNull: true },
        phone: { type: DataTypes.STRING(20), allowNull: true },
        idCardHash: { type: DataTypes.STRING(64), allowNull: true },
        idCardLast4: { type: DataTypes.STRING(4), allowNull: true },
        education: { type: DataTypes.STRING(16), allowNull: true },
        isExpert: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        statusChangedOn: { type: DataTypes.DATEONLY, allowNull: true },
        statusReason: { type: DataTypes.STRING(500), allowNull: true },
        gradeLevel: { type: DataTypes.STRING(16), allowNull: true },
        orgPath: { type: DataTypes.STRING(255), allowNull: false, defaultValue: "" },
        nameKey: { type: DataTypes.STRING(400), allowNull: false, defaultValue: "" },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      {
        sequelize,
        tableName: "mediators",
        modelName: "Mediator",
        hooks: {
          async beforeSave(mediator, options) {
            if (mediator.orgPath && !mediator.changed("orgUnitId")) return;
            mediator.orgPath = await pathOf(sequelize, [mediator.orgUnitId], options.transaction).then(
              (m) => m.get(mediator.orgUnitId) ?? "",
            );
          },
          async beforeBulkCreate(mediators, options) {
            const paths = await pathOf(sequelize, [...new Set(mediators.map((m) => m.orgUnitId))], options.transaction);
            for (const m of mediators) m.orgPath = paths.get(m.orgUnitId) ?? "";
          },
        },
      },
    );
  }
}

async function pathOf(sequelize: Sequelize, ids: number[], transaction?: Transaction | null) {
  const rows = (await sequelize.query("SELECT id, path FROM org_units WHERE id IN (:ids)", {
    replacements: { ids: ids.length ? ids : [0] },
    type: QueryTypes.SELECT,
    transaction: transaction ?? undefined,
  })) as { id: number; path: string }[];
  return new Map(rows.map((r) => [Number(r.id), r.path]));
}

/** One row per (mediator, dispute category) they specialise in; indexed for roster filters. */
export class MediatorSpecialty extends Model<InferAttributes<MediatorSpecialty>, InferCreationAttributes<MediatorSpecialty>> {
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
