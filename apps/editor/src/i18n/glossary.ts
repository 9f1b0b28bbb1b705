/**
 * The words the UI uses, one per concept, in Bahasa Indonesia and English.
 * Every screen, message and template says these and never the variants in
 * `avoid` (glossary.test.ts scans the editor's strings, the API's messages
 * and the template pathways).
 *
 * - **Jalur** (pathway): the product's name and the drawn sequence of steps.
 *   Not "alur" (which the UI used beside it); in English not "workflow".
 * - **Rujukan** (referral): handing a case to a psychologist, doctor, police
 *   or social services; the letter is the *surat rujukan*. Not "referal".
 * - **Dipantau** (watch): the early-warning level below *Berisiko* (at risk).
 *   Not "waspada".
 * - **Satgas SRPS**: *Satuan Tugas Siswa Rentan Putus Sekolah*, the school's
 *   task force for students at risk of dropping out (seed 002).
 */
export interface GlossaryTerm {
  id: string;
  en: string;
  /** Words (Indonesian or English) the UI must not use for this concept (lower case, whole words). */
  avoid: readonly string[];
}

export const GLOSSARY = {
  pathway: { id: 'jalur', en: 'pathway', avoid: ['alur', 'workflow'] },
  referral: { id: 'rujukan', en: 'referral', avoid: ['referal'] },
  watch: { id: 'dipantau', en: 'watch', avoid: ['waspada'] },
  atRisk: { id: 'berisiko', en: 'at risk', avoid: [] },
  taskForce: { id: 'Satgas SRPS (Satuan Tugas Siswa Rentan Putus Sekolah)', en: 'the SRPS task force (students at risk of dropping out)', avoid: [] },
} as const satisfies Record<string, GlossaryTerm>;

/** Every avoided word, with the term to use instead. */
export const AVOIDED_WORDS: readonly { word: string; use: string }[] = Object.values(GLOSSARY).flatMap((t: GlossaryTerm) => t.avoid.map((word) => ({ word, use: t.id })));

/** The avoided words found in `text` (whole words, any case). */
export function offGlossary(text: string): string[] {
  const found: string[] = [];
  for (const { word } of AVOIDED_WORDS) {
    const re = new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'iu');
    if (re.test(text)) found.push(word);
  }
  return found;
}
