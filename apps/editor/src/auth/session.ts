/**
 * The signed-in user, as server state: `/api/auth/me` (the session cookie
 * travels by itself), login and logout.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiFailure, setCsrfToken, unwrap, type Me } from '../api/client.ts';

export const ME_KEY = ['me'] as const;

/** The current user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const body = await unwrap(api.api.auth.me.$get());
        setCsrfToken(body.csrfToken);
        return body.user;
      } catch (e) {
        if (e instanceof ApiFailure && e.status === 401) return null;
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
      setCsrfToken(body.csrfToken);
      qc.setQueryData(ME_KEY, body.user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(api.api.auth.logout.$post()),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
