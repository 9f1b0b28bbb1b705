/** `/district`: the district aggregates as a page of their own (admin_dinas). */
import '../reports/messages.ts';
import DistrictDashboard from './DistrictDashboard.tsx';

export function Component() {
  return (
    <div className="page report-page">
      <DistrictDashboard />
    </div>
  );
}
