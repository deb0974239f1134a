import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { uploadColumns } from "./columns";

/** The records that carry files. Later issues add their kinds here (and an owner in web/attachments.ts). */
export const OWNER_KINDS = ["event", "log", "exercise", "submission", "case_file", "application", "room"] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/**
 * A file attached to a record (event materials, log evidence, case materials, submission files, the scans of register files for their review):
 * stored outside public/ under a random name, typed by its content. The owner is named by kind and
 * id (no foreign key: app/.server/attachments.ts removes a record's files with it).
 */
export class Attachment extends Model<InferAttributes<Attachment>, InferCreationAttributes<Attachment>> {
  declare id: CreationOptional<number>;
  declare ownerKind: OwnerKind;
  declare ownerId: number;
  declare storedName: string;
  declare originalName: string;
  /** The type sniffed from the content, never the one the browser sent. */
  declare mime: string;
  declare size: number;
  declare uploadedBy: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Attachment.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        ownerKind: { type: DataTypes.STRING(16), allowNull: false },
        ownerId: { type: DataTypes.INTEGER, allowNull: false },
        ...uploadColumns(),
        uploadedBy: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize, tableName: "attachments", modelName: "Attachment", updatedAt: false },
    );
  }
}
