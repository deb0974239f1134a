import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import type { LevelScheme as Scheme } from "~/lib/levels";
import { jsonColumn } from "./columns";

/** A province node's level scheme and criteria (等级评定方案); absent: the national scheme applies. */
export class LevelScheme extends Model<InferAttributes<LevelScheme>, InferCreationAttributes<LevelScheme>> {
  declare orgUnitId: number;
  declare scheme: Scheme;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    LevelScheme.init(
      {
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        scheme: jsonColumn("scheme"),
        updatedBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "level_schemes", modelName: "LevelScheme" },
    );
  }
}

export const LEVEL_SOURCES = ["round", "import", "entry"] as const; // 评定批次 / 历史结果导入 / 录入
export type LevelSource = (typeof LEVEL_SOURCES)[number];

/** One span of a mediator's level (until null while it is held). */
export class MediatorLevel extends Model<InferAttributes<MediatorLevel>, InferCreationAttributes<MediatorLevel>> {
  declare id: CreationOptional<number>;
  declare mediatorId: number;
  declare level: string;
  declare from: string;
  declare until: string | null;
  declare source: LevelSource;
  declare note: CreationOptional<string | null>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    MediatorLevel.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false },
        level: { type: DataTypes.STRING(32), allowNull: false },
        from: { type: DataTypes.DATEONLY, allowNull: false },
        until: { type: DataTypes.DATEONLY, allowNull: true },
        source: { type: DataTypes.STRING(16), allowNull: false },
        note: { type: DataTypes.STRING(300), allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "mediator_levels", modelName: "MediatorLevel" },
    );
  }
}

/** A disciplinary record (处分) on a roster entry, entered by the bureau. */
export class MediatorSanction extends Model<InferAttributes<MediatorSanction>, InferCreationAttributes<MediatorSanction>> {
  declare id: CreationOptional<number>;
  declare mediatorId: number;
  declare on: string;
  declare reason: string;
  declare documentNo: string;
  declare note: CreationOptional<string | null>;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    MediatorSanction.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        mediatorId: { type: DataTypes.INTEGER, allowNull: false },
        on: { type: DataTypes.DATEONLY, allowNull: false },
        reason: { type: DataTypes.STRING(300), allowNull: false },
        documentNo: { type: DataTypes.STRING(60), allowNull: false },
        note: { type: DataTypes.STRING(300), allowNull: true },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "mediator_sanctions", modelName: "MediatorSanction" },
    );
  }
}
