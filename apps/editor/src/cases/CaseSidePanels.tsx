/**
 * The case page's side column: notes, activity records, consent,
 * referrals, documents and family contact. Its own chunk, loaded once the student and the current step
 * show, so a phone on a slow network sees the case first.
 */
import { CasePaperwork } from '../documents/CasePaperwork.tsx';
import { ConsentPanel } from './ConsentPanel.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { RecordsPanel } from './RecordsPanel.tsx';
import { ReferralPanel } from './ReferralPanel.tsx';
import { SatisfactionPanel } from '../reports/SatisfactionPanel.tsx';

export default function CaseSidePanels({ caseId, closed, role, guardianName }: { caseId: string; closed: boolean; role: string | undefined; guardianName: string | null }) {
  return (
    <>
      <NotesPanel caseId={caseId} />
      <RecordsPanel caseId={caseId} closed={closed} />
      {role !== 'tim' && <ConsentPanel caseId={caseId} guardianName={guardianName} closed={closed} />}
      {role !== 'tim' && <ReferralPanel caseId={caseId} closed={closed} />}
      {role !== 'tim' && <SatisfactionPanel caseId={caseId} closed={closed} />}
      <CasePaperwork caseId={caseId} closed={closed} />
    </>
  );
}
