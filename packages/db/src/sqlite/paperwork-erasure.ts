/**
 * Erasure (UU PDP) of what the paperwork tables hold about a student's
 * cases, inside the caller's transaction: the family-contact log keeps who
 * contacted them, when and how, but loses the guardian's name, phone,
 * message and outcome; parent meetings keep their date and status; the
 * register of generated documents keeps numbers and kinds, not the
 * addressee or the PDF's hash (which would confirm a guessed document).
 */
import { and, inArray, isNotNull } from 'drizzle-orm';
import { familyContacts, generatedDocuments, parentMeetings } from '../schema/index.ts';
import type { SqliteContext } from './context.ts';

export const PAPERWORK_ERASED = '[dihapus / erased]';

export function erasePaperwork(ctx: SqliteContext, caseIds: readonly string[]): void {
  if (caseIds.length === 0) return;
  const { db } = ctx;
  const E = PAPERWORK_ERASED;
  for (let i = 0; i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    db.update(familyContacts).set({ guardianName: E, relationship: null, phone: null }).where(inArray(familyContacts.caseId, ids)).run();
    db.update(familyContacts).set({ message: E }).where(and(inArray(familyContacts.caseId, ids), isNotNull(familyContacts.message))).run();
    db.update(familyContacts).set({ outcome: E }).where(and(inArray(familyContacts.caseId, ids), isNotNull(familyContacts.outcome))).run();
    db.update(parentMeetings).set({ guardianName: E, place: E, purpose: E }).where(inArray(parentMeetings.caseId, ids)).run();
    db.update(generatedDocuments).set({ sha256: null }).where(inArray(generatedDocuments.caseId, ids)).run();
    db.update(generatedDocuments).set({ recipient: E }).where(and(inArray(generatedDocuments.caseId, ids), isNotNull(generatedDocuments.recipient))).run();
  }
}
