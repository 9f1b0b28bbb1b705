/** Text a person reads: Bahasa Indonesia first, English second. */
export interface Localized {
  id: string;
  en: string;
}

/** Builds a {@link Localized} text. */
export const say = (id: string, en: string): Localized => ({ id, en });
