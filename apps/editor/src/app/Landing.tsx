/** `/`: each role's start page (see `access.ts`). Layout above it has made sure someone is signed in. */
import { Navigate } from './router.tsx';
import { useMe } from '../auth/session.ts';
import { homeOf } from './access.ts';

export function Landing() {
  const me = useMe();
  if (me.isPending) return null;
  return <Navigate to={homeOf(me.data?.role)} replace />;
}
