import { createInFlight, type InFlight } from "../in-flight";

/**
 * The chat turns being answered now, so that background bulk work (the sentence filler) can wait for
 * none to be: its embedding groups took the CPU a first answer needed.
 */
export type TurnsInFlight = InFlight;

export const createTurnsInFlight: () => TurnsInFlight = createInFlight;
