import { expect, test } from "bun:test";
import { languages, pickLang } from "./i18n";

test("every language has every string, none empty", () => {
  const keys = Object.keys(languages.en).sort();
  for (const strings of Object.values(languages)) {
    expect(Object.keys(strings).sort()).toEqual(keys);
    for (const value of Object.values(strings)) expect(value.trim()).not.toBe("");
  }
});

test("pickLang takes the first supported language tag", () => {
  expect(pickLang(["DE-at"])).toBe("de");
  expect(pickLang([undefined, "it", "fr-FR"])).toBe("fr");
  expect(pickLang(["es"])).toBe("es");
  expect(pickLang(["zh-CN"])).toBe("en");
  expect(pickLang([])).toBe("en");
});
