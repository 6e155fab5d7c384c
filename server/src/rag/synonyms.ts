import type { TermStats } from "./term-stats";
import { contentWords, stem } from "./terms";

/**
 * Words a customer and a help center use for the same thing in support English: groups of
 * interchangeable words, each word read as any other of its group. Written from general usage of
 * shops, software and appliances, not from any business's documents or questions: a customer's
 * "guarantee" is the documents' "warranty", "pictures" their "images", "how heavy" their "weight".
 * A group of two words joined by a space needs both ("profile picture").
 */
const GROUPS: string[][] = [
  // Things and media.
  ["picture", "image", "photo", "photograph"],
  ["avatar", "profile picture", "profile photo"],
  ["screenshot", "screen capture"],
  ["video", "clip", "recording"],
  ["file", "document", "attachment"],
  ["attach", "upload"],
  ["folder", "directory"],
  ["manual", "guide", "handbook", "instructions"],
  // Money.
  ["guarantee", "warranty"],
  ["price", "cost", "fee", "pricing", "rate"],
  ["cheap", "inexpensive", "affordable"],
  ["expensive", "costly", "pricey", "dear"],
  ["buy", "purchase"],
  ["refund", "reimbursement", "reimburse", "repay"],
  ["invoice", "bill"],
  ["receipt", "proof of purchase"],
  ["discount", "reduction", "coupon", "voucher", "promo"],
  ["installment", "instalment"],
  ["tax", "vat"],
  ["charity", "nonprofit", "non-profit"],
  ["education", "educational", "academic", "school", "university", "student"],
  ["subscription", "membership"],
  ["free", "gratis"],
  // Accounts and people.
  ["login", "log in", "sign in", "signin", "logon"],
  ["logout", "log out", "sign out", "signout"],
  ["signup", "sign up", "register", "registration"],
  ["username", "user name", "login name"],
  ["password", "passphrase", "passcode"],
  ["two-factor", "2fa", "mfa", "multi-factor"],
  ["customer", "client", "buyer"],
  ["employee", "staff", "worker", "colleague", "coworker", "teammate"],
  ["boss", "manager", "supervisor"],
  ["company", "business", "firm", "organization", "organisation"],
  ["child", "kid", "son", "daughter", "children", "kids"],
  ["person", "human", "agent", "representative"],
  ["support", "helpdesk", "help desk", "customer service"],
  ["contact", "reach"],
  ["invite", "invitation"],
  // Actions.
  ["delete", "remove", "erase"],
  ["restore", "recover", "undelete", "retrieve"],
  ["undo", "revert", "reverse"],
  ["deactivate", "disable", "suspend"],
  ["activate", "enable"],
  ["reactivate", "re-enable"],
  ["cancel", "terminate", "end"],
  ["stop", "halt", "pause"],
  ["start", "begin", "launch"],
  ["restart", "reboot"],
  ["reset", "factory reset"],
  ["install", "setup", "set up"],
  ["uninstall", "remove"],
  ["update", "upgrade"],
  ["edit", "modify", "alter", "change"],
  ["rename", "retitle"],
  ["hide", "conceal"],
  ["show", "display"],
  ["find", "search", "look up", "lookup", "locate"],
  ["share", "forward"],
  ["copy", "duplicate"],
  ["move", "transfer"],
  ["export", "backup", "back up"],
  ["mute", "silence", "quiet"],
  ["block", "ban"],
  ["report", "flag"],
  ["save", "bookmark"],
  ["favorite", "favourite", "star", "starred"],
  ["send", "deliver"],
  ["resend", "send again"],
  ["schedule", "scheduled", "later"],
  ["fix", "repair", "mend"],
  ["clean", "wash", "rinse"],
  ["connect", "pair", "link"],
  ["turn off", "switch off", "power off", "shut down"],
  ["turn on", "switch on", "power on"],
  // Shipping and returns.
  ["ship", "shipping", "shipment", "dispatch", "delivery", "post", "postage"],
  ["parcel", "package"],
  ["return", "send back"],
  ["exchange", "swap", "replace", "replacement"],
  ["track", "tracking"],
  ["abroad", "overseas", "international", "internationally"],
  ["broken", "damaged", "faulty", "defective", "dented", "scratched"],
  ["lost", "missing"],
  ["late", "delayed", "delay"],
  // Properties.
  ["heavy", "weight", "weigh", "weighs"],
  ["big", "large", "size", "dimensions", "measurements"],
  ["small", "little", "tiny", "compact"],
  ["long", "length"],
  ["wide", "width"],
  ["tall", "high", "height"],
  ["deep", "depth"],
  ["fast", "quick", "quickly", "speed"],
  ["slow", "slowly"],
  ["loud", "noisy", "noise"],
  ["hot", "warm", "heat", "temperature"],
  ["cold", "cool", "chilled"],
  ["power", "electricity", "energy", "watt", "watts", "wattage", "consumption"],
  ["limit", "maximum", "max", "cap", "most"],
  ["minimum", "min", "least"],
  ["capacity", "hold", "holds", "fit", "fits"],
  ["private", "secret", "confidential"],
  ["safe", "secure", "security"],
  ["allowed", "permitted", "allow", "permit"],
  ["forbidden", "prohibited", "banned"],
  ["old", "previous", "earlier", "past"],
  ["new", "latest", "newest", "recent", "current"],
  ["version", "release"],
  ["compatible", "compatibility", "works with"],
  ["requirement", "requirements", "prerequisite"],
  // Time and place.
  ["vacation", "holiday", "leave", "time off", "out of office", "away"],
  ["status", "availability"],
  ["hours", "opening hours", "open"],
  ["weekend", "saturday", "sunday"],
  ["immediately", "instantly", "right away", "at once"],
  ["today", "same day"],
  ["history", "log"],
  ["timezone", "time zone"],
  // Devices and connections.
  ["phone", "mobile", "cellphone", "smartphone", "cell"],
  ["laptop", "computer", "pc", "notebook"],
  ["app", "application"],
  ["wifi", "wi-fi", "wireless", "wlan"],
  ["internet", "online", "connection", "network"],
  ["cable", "cord", "wire", "lead"],
  ["plug", "socket", "outlet"],
  ["screen", "display", "monitor"],
  ["button", "key"],
  ["shortcut", "hotkey", "keyboard shortcut"],
  ["notification", "alert"],
  ["message", "msg"],
  ["chat", "conversation"],
  ["email", "e-mail", "mail"],
  ["leak", "leaking", "drip", "dripping"],
  ["smell", "odor", "odour"],
  ["storage", "store", "storing"],
];

/** Each single word's group, by its stem, so "photos" and "photo" find the same group. */
const groupsByStem = new Map<string, Set<string>>();
for (const group of GROUPS)
  for (const word of group) {
    if (word.includes(" ")) continue;
    const key = stem(word);
    const groups = groupsByStem.get(key) ?? new Set<string>();
    for (const other of group) groups.add(other);
    groupsByStem.set(key, groups);
  }

/** The words a customer's word may stand for, itself excluded; a multi-word one as written. */
export function synonymsOf(word: string): string[] {
  const key = stem(word);
  return [...(groupsByStem.get(key) ?? [])].filter((other) => other.includes(" ") || stem(other) !== key);
}

/**
 * The question for full-text search, with the business's words added for each of its words the
 * business never uses: a customer's "guarantee" also searches "warranty" when the documents say so.
 * Only for words the documents lack: a word they use already finds its passages, and adding its
 * synonyms then pulls in other topics. Chosen on the five tuning help centers
 * (bench/retrieval-study.ts, hits@5 at k = 5): debian-faq 27 → 27, zulip-help 60 → 60,
 * appliance-manual 61 → 63, saas-help 87 → 87, shop-policies 67 → 68; for every word, used or not,
 * 302 instead of 305 (debian-faq 26, saas-help 85, shop-policies 67). Held-out router-manual 33 → 35 of 36.
 */
export function withBusinessSynonyms(question: string, stats: TermStats): string {
  const words = contentWords(question);
  const asked = new Set(words.map(stem));
  const used = (word: string) => word.split(" ").every((part) => stats.frequency(stem(part)) > 0);
  const added = new Set<string>();
  for (const word of words) {
    if (stats.frequency(stem(word)) > 0) continue;
    for (const synonym of synonymsOf(word))
      if (used(synonym) && !synonym.split(" ").some((part) => asked.has(stem(part)))) added.add(synonym);
  }
  return added.size ? `${question} ${[...added].join(" ")}` : question;
}
