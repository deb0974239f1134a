/**
 * Chinese personal names for demo mediators: common surnames weighted roughly by frequency,
 * given names built from characters typical of people born 1958–1998.
 */
const SURNAMES =
  "王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const MALE = "建国军伟强明华平志勇刚德林海涛斌文新春永忠庆福贵长青松山峰宏俊杰鹏飞兴发成学振宝利荣";
const FEMALE = "秀英兰芳玲娟桂梅红霞燕凤萍琴丽敏静慧艳雪芬翠云霞春花莉洁晓丹";

/** A small deterministic generator, so the demo data is the same on every machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[] | string): T => items[int(0, items.length - 1)] as T;
  return { next, int, pick };
}

export type Random = ReturnType<typeof createRandom>;

export function makeName(random: Random, gender: "male" | "female"): string {
  const chars = gender === "male" ? MALE : FEMALE;
  const given = random.next() < 0.22 ? random.pick<string>(chars) : random.pick<string>(chars) + random.pick<string>(chars);
  return random.pick<string>(SURNAMES) + given;
}
