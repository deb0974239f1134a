import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from "sequelize";

/** A user taking a course (courses themselves are files, keyed by slug). */
export class CourseEnrolment extends Model<InferAttributes<CourseEnrolment>, InferCreationAttributes<CourseEnrolment>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare courseSlug: string;
  declare enrolledAt: Date;
  declare completedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize) {
    CourseEnrolment.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        courseSlug: { type: DataTypes.STRING(64), allowNull: false },
        enrolledAt: { type: DataTypes.DATE(3), allowNull: false },
        completedAt: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: "course_enrolments", modelName: "CourseEnrolment", timestamps: false },
    );
  }
}

export class LessonProgress extends Model<InferAttributes<LessonProgress>, InferCreationAttributes<LessonProgress>> {
  declare id: CreationOptional<number>;
  declare enrolmentId: number;
  declare lessonSlug: string;
  declare readAt: Date;

  static initModel(sequelize: Sequelize) {
    LessonProgress.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        enrolmentId: { type: DataTypes.INTEGER, allowNull: false },
        lessonSlug: { type: DataTypes.STRING(64), allowNull: false },
        readAt: { type: DataTypes.DATE(3), allowNull: false },
      },
      { sequelize, tableName: "lesson_progress", modelName: "LessonProgress", timestamps: false },
    );
  }
}

/** A bureau assigns a course to its subtree for a year, with a due date. */
export class CourseAssignment extends Model<InferAttributes<CourseAssignment>, InferCreationAttributes<CourseAssignment>> {
  declare id: CreationOptional<number>;
  declare orgUnitId: number;
  declare courseSlug: string;
  declare year: number;
  declare dueOn: string;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    CourseAssignment.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
        courseSlug: { type: DataTypes.STRING(64), allowNull: false },
        year: { type: DataTypes.INTEGER, allowNull: false },
        dueOn: { type: DataTypes.DATEONLY, allowNull: false },
        createdBy: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: "course_assignments", modelName: "CourseAssignment", updatedAt: false },
    );
  }
}
