import { describe, expect, test } from "bun:test";
import { smallTalk } from "./small-talk";

describe("small talk", () => {
  test("a message that is only a greeting or a thanks is read as one, with its language", () => {
    expect(smallTalk("hi")).toEqual({ kind: "greeting", language: "en" });
    expect(smallTalk("Hello there!")).toEqual({ kind: "greeting", language: "en" });
    expect(smallTalk("good morning :)")).toEqual({ kind: "greeting", language: "en" });
    expect(smallTalk("thanks!")).toEqual({ kind: "thanks", language: "en" });
    expect(smallTalk("ok thanks")).toEqual({ kind: "thanks", language: "en" });
    expect(smallTalk("thank you so much 🙏")).toEqual({ kind: "thanks", language: "en" });
    expect(smallTalk("thanks, bye")).toEqual({ kind: "thanks", language: "en" });
    expect(smallTalk("Hallo")).toEqual({ kind: "greeting", language: "de" });
    expect(smallTalk("Danke schön!")).toEqual({ kind: "thanks", language: "de" });
    expect(smallTalk("Bonjour")).toEqual({ kind: "greeting", language: "fr" });
    expect(smallTalk("merci beaucoup")).toEqual({ kind: "thanks", language: "fr" });
    expect(smallTalk("¡Hola!")).toEqual({ kind: "greeting", language: "es" });
    expect(smallTalk("muchas gracias")).toEqual({ kind: "thanks", language: "es" });
  });

  test("anything more than the pleasantry is a question", () => {
    for (const message of [
      "hi, where is my order?",
      "hello I need help with a refund",
      "thanks, but how do I cancel?",
      "Hallo, wie lange dauert der Versand?",
      "merci, et pour les retours ?",
      "hi".repeat(40),
      "",
      "   ",
      "hey how do I change my password",
      "thank you page not loading",
    ])
      expect(smallTalk(message)).toBeNull();
  });
});
