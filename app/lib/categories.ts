/**
 * Dispute categories (纠纷类型) from PRODUCT.md, in its order. They tag courses, questions,
 * specialties, rooms and experts; labels live in the locale files under `category.*`.
 */
export const DISPUTE_CATEGORIES = [
  "marriage_family", // 婚姻家庭
  "neighbourhood", // 邻里
  "housing_homestead", // 房屋宅基地
  "contract", // 合同
  "business", // 生产经营
  "damages", // 损害赔偿
  "forest_land", // 山林土地
  "expropriation", // 征地拆迁
  "pollution", // 环境污染
  "labour", // 劳动争议
  "consumer", // 消费
  "medical", // 医疗
  "traffic", // 道路交通事故
  "property_management", // 物业
  "other", // 其他
] as const;
export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

export function isDisputeCategory(value: unknown): value is DisputeCategory {
  return typeof value === "string" && (DISPUTE_CATEGORIES as readonly string[]).includes(value);
}
