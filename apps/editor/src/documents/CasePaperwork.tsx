/**
 * What issue 15 adds to the case page, in one place so the page needs one
 * line: the "Dokumen" section and the "Kontak keluarga" panel.
 */
import './paperwork.css';
import { CaseDocuments } from './CaseDocuments.tsx';
import { FamilyContactPanel } from './FamilyContactPanel.tsx';

export function CasePaperwork({ caseId, closed = false }: { caseId: string; closed?: boolean }) {
  return (
    <>
      <CaseDocuments caseId={caseId} />
      <FamilyContactPanel caseId={caseId} closed={closed} />
    </>
  );
}
