/**
 * The signed-in user, as server state: `/api/auth/me` (the session cookie
 * travels by itself), login and logout. The user's offline outbox follows
 * the session: it is theirs while they are signed in and deleted when they
 * sign out.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiFailure, setCsrfToken, unwrap, type Me } from '../api/client.ts';
import { takeBoot } from '../app/boot-data.ts';
import { setSessionCsrf } from '../cases/http.ts';
import { clearOutbox, setOutboxOwner } from '../cases/outbox.ts';
import { PASSWORD_STATE_KEY } from '../account/queries.ts';

export const ME_KEY = ['me'] as const;

type MeBody = { user: Me; csrfToken: string; mustChangePassword?: boolean };
type QueryClient = ReturnType<typeof useQueryClient>;

function signedIn(body: MeBody, qc: QueryClient): Me {
  // The password gate asks the same question: answer it from this response instead of a second round trip.
  if (body.mustChangePassword !== undefined) qc.setQueryData([...PASSWORD_STATE_KEY, body.user.id], body.mustChangePassword);
  setCsrfToken(body.csrfToken);
  setSessionCsrf(body.csrfToken);
  setOutboxOwner(body.user.id);
  return body.user;
}

/** `/api/auth/me`: boot.js's early answer when there is one, else a fresh request. */
async function fetchMe(): Promise<MeBody> {
  const early = takeBoot('/api/auth/me');
  if (!early) return (await unwrap(api.api.auth.me.$get())) as MeBody;
  return unwrap(early) as Promise<MeBody>;
}

/** The current user, or null when nobody is signed in. */
export function useMe() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return signedIn(await fetchMe(), qc);
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) {
          setOutboxOwner(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => unwrap(api.api.auth.login.$post({ json: input })),
    onSuccess: (body) => {
      qc.setQueryData(ME_KEY, signedIn(body as MeBody, qc));
    },
  });
}

/** Signs out and deletes the user's outbox from this browser (the caller asks first when something is unsent). */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const me = qc.getQueryData<Me | null>(ME_KEY);
      if (me) clearOutbox(me.id);
      return unwrap(api.api.auth.logout.$post());
    },
    onSettled: () => {
      setCsrfToken(null);
      setSessionCsrf(null);
      setOutboxOwner(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
