/** Erasure of the paperwork tables on PostgreSQL; parallel to ../sqlite/paperwork-erasure.ts (see there). */
import { and, inArray, isNotNull } from 'drizzle-orm';
import { familyContacts, generatedDocuments, parentMeetings } from '../schema-pg/index.ts';
import { PAPERWORK_ERASED } from '../sqlite/paperwork-erasure.ts';
import type { Exec } from './context.ts';

export async function erasePaperwork(tx: Exec, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const E = PAPERWORK_ERASED;
  for (let i = 0; i < caseIds.length; i += 500) {
    const ids = caseIds.slice(i, i + 500);
    await tx.update(familyContacts).set({ guardianName: E, relationship: null, phone: null }).where(inArray(familyContacts.caseId, ids));
    await tx.update(familyContacts).set({ message: E }).where(and(inArray(familyContacts.caseId, ids), isNotNull(familyContacts.message)));
    await tx.update(familyContacts).set({ outcome: E }).where(and(inArray(familyContacts.caseId, ids), isNotNull(familyContacts.outcome)));
    await tx.update(parentMeetings).set({ guardianName: E, place: E, purpose: E }).where(inArray(parentMeetings.caseId, ids));
    await tx.update(generatedDocuments).set({ sha256: null }).where(inArray(generatedDocuments.caseId, ids));
    await tx.update(generatedDocuments).set({ recipient: E }).where(and(inArray(generatedDocuments.caseId, ids), isNotNull(generatedDocuments.recipient)));
  }
}
