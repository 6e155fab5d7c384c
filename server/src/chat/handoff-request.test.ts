import { describe, expect, test } from "bun:test";
import { isHandoffRequest } from "./handoff-request";

const REQUESTS = [
  // English
  "can I talk to a real person",
  "I want to speak to someone from support",
  "this isn't helping, get me a human agent please",
  "please have someone from your team contact me, it's urgent",
  "human please",
  "Human!",
  "talk to human",
  "I need to speak with an agent",
  "Can I chat with a live agent?",
  "connect me to customer service",
  "representative",
  "operator please",
  "is there a real person I can talk to?",
  "let me talk to somebody",
  "can someone call me back?",
  "I'd like to speak to a human being",
  "transfer me to an agent",
  "I want to talk to someone about my invoice",
  "Can I get a human on the line",
  "is a human available?",
  "I'd like to speak with a service technician",
  "could someone from customer service phone me tomorrow",
  "I need someone from support to email me",
  "connect me to support",
  "could you call me please",
  // German
  "Mensch bitte",
  "ich möchte mit einem Menschen sprechen",
  "Kann ich mit einem Mitarbeiter sprechen?",
  "Bitte verbinden Sie mich mit dem Kundendienst",
  "Ich will mit jemandem reden",
  "Gibt es hier einen echten Menschen?",
  "Rufen Sie mich bitte zurück",
  "Ich brauche einen Ansprechpartner",
  "Kann ich mit dem Support sprechen?",
  "Ich hätte gern einen Techniker",
  // French
  "je veux parler à quelqu'un",
  "Je voudrais parler à un conseiller",
  "est-ce que je peux parler à un humain ?",
  "un humain svp",
  "Pouvez-vous me mettre en relation avec le service client ?",
  "rappelez-moi s'il vous plaît",
  "je voudrais parler à un technicien",
  // Spanish
  "quiero hablar con una persona",
  "¿puedo hablar con una persona de verdad?",
  "necesito un agente",
  "Pásame con un humano por favor",
  "que alguien me llame, por favor",
  "quiero hablar con atención al cliente",
  "¿Me pueden contactar hoy?",
  "necesito un técnico",
];

const NOT_REQUESTS = [
  "How do I change my personal settings?",
  "personal settings",
  "Personal preferences",
  "How do I invite a person to my organization?",
  "How do I send a direct message to someone?",
  "Can I talk to someone in a private message?",
  "how do I talk to a person who is not in my channel",
  "How do I make someone an admin?",
  "how can I mention a person in a message",
  "Where do I see the user agent of a login?",
  "Is the export human-readable?",
  "How do I contact the support team?",
  "Is there a phone number for customer service?",
  "an employee quit today, how do i cut off their access right away?",
  "how fast does support usually answer an email",
  "if I add someone to a private channel will they be able to read the older messages?",
  "we invite outside clients as guests - can we stop them from seeing our whole staff list",
  "i dont want people to know when ive read their msgs",
  "Wie füge ich einen Mitarbeiter hinzu?",
  "Mitarbeiter hinzufügen",
  "Comment inviter une personne ?",
  "¿Cómo agrego a una persona a un canal?",
  "an employee quit today, how do i cut off their access right away?",
  "our support team is growing. how do I add more seats?",
  "What is your refund policy?",
  "How do I talk to support?",
  "is your support team available on weekends",
  "Is customer service open at night?",
  "Ist der Kundendienst samstags geöffnet?",
  "Does a technician need to install the router?",
  "Is there support for two-factor login?",
  "Wie lange dauert der Support für alte Geräte?",
  "Do you sell tea?",
  "",
  `${"can I talk to a real person ".repeat(10)}`,
];

describe("isHandoffRequest", () => {
  for (const message of REQUESTS) {
    test(`asks for a person: ${message}`, () => expect(isHandoffRequest(message)).toBe(true));
  }
  for (const message of NOT_REQUESTS) {
    test(`not a request for a person: ${message.slice(0, 60) || "(empty)"}`, () =>
      expect(isHandoffRequest(message)).toBe(false));
  }
});
