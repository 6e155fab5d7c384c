/** Limits of the wire protocol, shared so the widget can check before it sends. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_CLIENT_ID_CHARS = 64;
export const MAX_SEARCH_K = 50;
export const MAX_NAME_CHARS = 200;
export const MAX_SYSTEM_PROMPT_CHARS = 8000;
/** A BCP 47 language tag as the widget sends it ("de", "fr-CA"): the chat answers in that language. */
export const LANGUAGE_TAG_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;
