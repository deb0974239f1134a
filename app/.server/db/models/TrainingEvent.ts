import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";
import { decimalColumn } from "./columns";

/** A training event (培训活动) for an org subtree, with capacity and a waitlist. */
export class TrainingEvent extends Model<InferAttributes<TrainingEvent>, InferCreationAttributes<TrainingEvent>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare audienceOrgUnitId: number;
  declare title: string;
  declare form: string;
  declare kind: string;
  declare startsAt: Date;
  declare endsAt: Date;
  declare hours: number;
  declare place: string;
  declare capacity: number;
  declare description: string | null;
  declare audienceSpecialties: CreationOptional<string[] | null>;
  declare status: CreationOptional<"scheduled" | "cancelled">;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    TrainingEvent.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        audienceOrgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        title: { type: DataTypes.STRING(100), allowNull: false },
        form: { type: DataTypes.STRING(24), allowNull: false },
        kind: { type: DataTypes.STRING(16), allowNull: false },
        startsAt: { type: DataTypes.DATE(3), allowNull: false },
        endsAt: { type: DataTypes.DATE(3), allowNull: false },
        hours: decimalColumn("hours", 4, 1),
        place: { type: DataTypes.STRING(200), allowNull: false },
        capacity: { type: DataTypes.INTEGER, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: true },
        audienceSpecialties: {
          type: DataTypes.STRING(500),
          allowNull: true,
          get() {
            const raw = this.getDataValue("audienceSpecialties") as unknown as string | null;
            return raw ? (JSON.parse(raw) as string[]) : null;
          },
          set(value: string[] | null) {
            this.setDataValue("audienceSpecialties", (value && value.length ? JSON.stringify(value) : null) as never);
          },
        },
        status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: "scheduled" },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "training_events", modelName: "TrainingEvent" },
    );
  }
}

export class EventRegistration extends Model<InferAttributes<EventRegistration>, InferCreationAttributes<EventRegistration>> {
  declare id: CreationOptional<number>;
  declare eventId: number;
  declare userId: number;
  declare status: "confirmed" | "waitlisted" | "cancelled";
  declare registeredAt: Date;
  declare attendedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    EventRegistration.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        eventId: { type: DataTypes.INTEGER, allowNull: false },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.STRING(16), allowNull: false },
        registeredAt: { type: DataTypes.DATE(3), allowNull: false },
        attendedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "event_registrations", modelName: "EventRegistration" },
    );
  }
}

/** A material file of an event, stored like log evidence (outside public/, random name). */

/** The trainers who teach an event (they may also run its check-in and attendance). */
export class EventTrainer extends Model<InferAttributes<EventTrainer>, InferCreationAttributes<EventTrainer>> {
  declare eventId: number;
  declare userId: number;

  static initModel(sequelize: Sequelize) {
    EventTrainer.init(
      {
        eventId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
      },
      { sequelize, tableName: "event_trainers", modelName: "EventTrainer", timestamps: false },
    );
  }
}
