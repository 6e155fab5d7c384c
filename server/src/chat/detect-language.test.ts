import { describe, expect, test } from "bun:test";
import { chatLanguageOf, detectLanguage } from "./detect-language";

const SAMPLES: [string, string | null][] = [
  ["how to reset pasword if i forgot it", "en"],
  ["made a typo in a msg i already sent, can i still fix it?", "en"],
  ["Where is my parcel?", "en"],
  ["Ich habe mein Passwort vergessen, wie kann ich es zurücksetzen?", "de"],
  ["Auf meinem Handy kommen keine Benachrichtigungen an. Was kann ich tun?", "de"],
  ["Gibt es einen dunklen Modus?", "de"],
  ["Mensch bitte", "de"],
  ["Comment programmer un message pour qu'il parte demain matin ?", "fr"],
  ["Pendant combien de temps les brouillons sont-ils conservés ?", "fr"],
  ["Comment désactiver mon compte ?", "fr"],
  ["¿Cómo importo nuestro espacio de trabajo de Slack a Zulip?", "es"],
  ["¿Cuál es el tamaño máximo de un archivo que puedo subir?", "es"],
  ["quiero hablar con una persona", "es"],
  ["dark mode?", null],
  ["ok", null],
  ["", null],
];

describe("detectLanguage", () => {
  for (const [text, language] of SAMPLES) {
    test(`${text || "(empty)"} → ${language}`, () => expect(detectLanguage(text)).toBe(language as never));
  }
});

test("chatLanguageOf takes the base of a BCP 47 tag the chat speaks", () => {
  expect(chatLanguageOf("de-CH")).toBe("de");
  expect(chatLanguageOf("FR")).toBe("fr");
  expect(chatLanguageOf("pt-BR")).toBeNull();
  expect(chatLanguageOf(undefined)).toBeNull();
});
