import {
  bureauName,
  CODE_ALPHABET,
  CODE_LENGTH,
  checkCharacter,
  checkCode,
  formatCode,
  maskName,
  normaliseCode,
  statusOn,
} from "~/lib/certificate";
import { randomCode } from "~/.server/certificates/code";

describe("certificate verification codes", () => {
  it("use a readable alphabet: no 0/O, 1/I/L", () => {
    for (const ch of "0O1IL") expect(CODE_ALPHABET).not.toContain(ch);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
  });

  it("are at least 10 characters with a check character, and every random one passes its check", () => {
    expect(CODE_LENGTH).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < 500; i++) {
      const code = randomCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code.slice(-1)).toBe(checkCharacter(code.slice(0, -1)));
      expect(checkCode(code)).toEqual({ ok: true, code });
    }
  });

  it("are read back whatever the case, spaces and dashes", () => {
    const code = randomCode();
    expect(checkCode(` ${formatCode(code).toLowerCase()} `)).toEqual({ ok: true, code });
    expect(checkCode(code.match(/.{1,3}/g)!.join(" "))).toEqual({ ok: true, code });
    expect(formatCode(code)).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it("a code with one wrong character is mistyped, at every position and with every other character", () => {
    const code = randomCode();
    for (let i = 0; i < code.length; i++) {
      for (const ch of CODE_ALPHABET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkCode(typo)).toEqual({ ok: false, problem: "check" });
      }
    }
  });

  it("a code with two neighbours swapped is mistyped", () => {
    for (let n = 0; n < 50; n++) {
      const code = randomCode();
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(checkCode(swapped).ok).toBe(false);
      }
    }
  });

  it("says which kind of typing mistake: a character no code has, or the wrong length", () => {
    const code = randomCode();
    expect(checkCode(code.slice(0, -1))).toEqual({ ok: false, problem: "length" });
    expect(checkCode(`${code}A`)).toEqual({ ok: false, problem: "length" });
    expect(checkCode(`0${code.slice(1)}`)).toEqual({ ok: false, problem: "character" });
    expect(checkCode(`${code.slice(0, 5)}I${code.slice(6)}`)).toEqual({ ok: false, problem: "character" });
    expect(normaliseCode("ab—cd ef")).toBe("ABCDEF");
  });
});

describe("public name masking", () => {
  it("masks 2-, 3- and 4-character names, keeping the first and last character", () => {
    expect(maskName("李明")).toBe("李*");
    expect(maskName("张振胜")).toBe("张*胜");
    expect(maskName("欧阳振华")).toBe("欧**华");
  });

  it("never shows a one-character name, and trims spaces", () => {
    expect(maskName("张")).toBe("*");
    expect(maskName(" 王小二 ")).toBe("王*二");
  });
});

describe("certificate status on a day", () => {
  it("is expired after its last valid day, valid on it; a decision wins over the date", () => {
    expect(statusOn("valid", "2026-03-19", "2026-03-19")).toBe("valid");
    expect(statusOn("valid", "2026-03-19", "2026-03-20")).toBe("expired");
    expect(statusOn("revoked", "2030-01-01", "2026-03-20")).toBe("revoked");
    expect(statusOn("superseded", "2020-01-01", "2026-03-20")).toBe("superseded");
    expect(statusOn("downgraded", "2030-01-01", "2026-03-20")).toBe("downgraded");
  });
});

describe("the issuing authority's name", () => {
  it("names the bureau of the node", () => {
    expect(bureauName("county", "青山县")).toBe("青山县司法局");
    expect(bureauName("city", "云溪市")).toBe("云溪市司法局");
    expect(bureauName("province", "江源省")).toBe("江源省司法厅");
    expect(bureauName("township", "城关镇")).toBe("城关镇司法所");
    expect(bureauName("county", "青山县司法局")).toBe("青山县司法局");
  });
});
