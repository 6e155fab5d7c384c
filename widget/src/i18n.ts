/** Every string the widget shows or announces. */
export interface Strings {
  title: string;
  greeting: string;
  open: string;
  close: string;
  /** Appended to the launcher's label: "{n} unread". */
  unread: string;
  newChat: string;
  log: string;
  input: string;
  send: string;
  you: string;
  bot: string;
  typing: string;
  sources: string;
  offline: string;
  /** The server refuses this site, or the business does not exist: no retry will help. */
  unavailable: string;
  notSent: string;
  retry: string;
  /** Error notices: too many messages, answer unavailable, anything else. */
  busy: string;
  down: string;
  failed: string;
  talk: string;
  waiting: string;
  /** "{name}" is replaced by the person's name. */
  joined: string;
  nobody: string;
  email: string;
  name: string;
  leave: string;
  thanks: string;
  /** Rating an answer: 👍 and 👎 (the optional comment after 👎 is labelled with `input`). */
  good: string;
  bad: string;
}

const en: Strings = {
  title: "Support",
  greeting: "Hi! How can we help you today?",
  open: "Open support chat",
  close: "Close chat",
  unread: "unread",
  newChat: "New conversation",
  log: "Conversation",
  input: "Your message",
  send: "Send",
  you: "You",
  bot: "Support",
  typing: "Typing…",
  sources: "Sources",
  offline: "Not connected. Retrying…",
  unavailable: "Chat is unavailable here.",
  notSent: "Not sent.",
  retry: "Retry",
  busy: "Too many messages right now. Please wait a moment.",
  down: "The assistant is unavailable right now. Please try again later.",
  failed: "Your message could not be processed.",
  talk: "Talk to a person",
  waiting: "Waiting for a person…",
  joined: "{name} joined",
  nobody: "Nobody is available right now. Leave your email and we'll get back to you.",
  email: "Email",
  name: "Name (optional)",
  leave: "Leave my email",
  thanks: "Thanks, we'll write to you.",
  good: "Helpful",
  bad: "Not helpful",
};

const de: Strings = {
  title: "Support",
  greeting: "Hallo! Wie können wir helfen?",
  open: "Support-Chat öffnen",
  close: "Chat schließen",
  unread: "ungelesen",
  newChat: "Neue Unterhaltung",
  log: "Unterhaltung",
  input: "Ihre Nachricht",
  send: "Senden",
  you: "Sie",
  bot: "Support",
  typing: "Schreibt…",
  sources: "Quellen",
  offline: "Keine Verbindung. Neuer Versuch…",
  unavailable: "Der Chat ist hier nicht verfügbar.",
  notSent: "Nicht gesendet.",
  retry: "Erneut senden",
  busy: "Gerade zu viele Nachrichten. Bitte warten Sie einen Moment.",
  down: "Der Assistent ist gerade nicht erreichbar. Bitte versuchen Sie es später.",
  failed: "Ihre Nachricht konnte nicht verarbeitet werden.",
  talk: "Mit einem Menschen sprechen",
  waiting: "Warten auf einen Mitarbeiter…",
  joined: "{name} ist beigetreten",
  nobody: "Gerade ist niemand erreichbar. Hinterlassen Sie Ihre E-Mail, wir melden uns.",
  email: "E-Mail",
  name: "Name (optional)",
  leave: "E-Mail hinterlassen",
  thanks: "Danke, wir schreiben Ihnen.",
  good: "Hilfreich",
  bad: "Nicht hilfreich",
};

const fr: Strings = {
  title: "Assistance",
  greeting: "Bonjour ! Comment pouvons-nous vous aider ?",
  open: "Ouvrir le chat d’assistance",
  close: "Fermer le chat",
  unread: "non lus",
  newChat: "Nouvelle conversation",
  log: "Conversation",
  input: "Votre message",
  send: "Envoyer",
  you: "Vous",
  bot: "Assistance",
  typing: "Écrit…",
  sources: "Sources",
  offline: "Pas de connexion. Nouvel essai…",
  unavailable: "Le chat n'est pas disponible ici.",
  notSent: "Non envoyé.",
  retry: "Réessayer",
  busy: "Trop de messages pour le moment. Patientez un instant.",
  down: "L’assistant est indisponible. Réessayez plus tard.",
  failed: "Votre message n’a pas pu être traité.",
  talk: "Parler à une personne",
  waiting: "En attente d’une personne…",
  joined: "{name} a rejoint",
  nobody: "Personne n’est disponible. Laissez votre e-mail, nous vous répondrons.",
  email: "E-mail",
  name: "Nom (facultatif)",
  leave: "Laisser mon e-mail",
  thanks: "Merci, nous vous écrirons.",
  good: "Utile",
  bad: "Pas utile",
};

const es: Strings = {
  title: "Soporte",
  greeting: "¡Hola! ¿En qué podemos ayudarte?",
  open: "Abrir chat de soporte",
  close: "Cerrar chat",
  unread: "sin leer",
  newChat: "Nueva conversación",
  log: "Conversación",
  input: "Tu mensaje",
  send: "Enviar",
  you: "Tú",
  bot: "Soporte",
  typing: "Escribiendo…",
  sources: "Fuentes",
  offline: "Sin conexión. Reintentando…",
  unavailable: "El chat no está disponible aquí.",
  notSent: "No enviado.",
  retry: "Reintentar",
  busy: "Demasiados mensajes ahora. Espera un momento.",
  down: "El asistente no está disponible. Inténtalo más tarde.",
  failed: "No se pudo procesar tu mensaje.",
  talk: "Hablar con una persona",
  waiting: "Esperando a una persona…",
  joined: "{name} se ha unido",
  nobody: "Ahora no hay nadie disponible. Deje su correo y le responderemos.",
  email: "Correo electrónico",
  name: "Nombre (opcional)",
  leave: "Dejar mi correo",
  thanks: "Gracias, le escribiremos.",
  good: "Útil",
  bad: "No útil",
};

export const languages = { en, de, fr, es };
export type Lang = keyof typeof languages;

/** The first of `wanted` (e.g. data-lang, then navigator.languages) the widget speaks, else English. */
export function pickLang(wanted: readonly (string | undefined)[]): Lang {
  for (const tag of wanted) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (base && base in languages) return base as Lang;
  }
  return "en";
}
