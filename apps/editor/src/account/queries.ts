/**
 * Account server state over the typed client: whether the signed-in user
 * must first replace a one-time password, changing one's own password, and
 * the accounts a kepsek (their staff) or a district admin (its kepsek)
 * manages — reset to a one-time password, disable, enable.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

/** The shortest password the API accepts. */
export const MIN_PASSWORD_LENGTH = 10;

type AccountRoutes = JalurClient['api']['accounts'];
export type Account = InferResponseType<AccountRoutes['$get'], 200>['items'][number];
export type PasswordReset = InferResponseType<AccountRoutes[':id']['reset-password']['$post'], 200>;

export const PASSWORD_STATE_KEY = ['password-state'] as const;
export const ACCOUNTS_KEY = ['accounts'] as const;

/** True while the signed-in user holds a one-time password (fetched fresh for each user, never kept after). */
export function useMustChangePassword(userId: string | null | undefined) {
  return useQuery({
    queryKey: [...PASSWORD_STATE_KEY, userId],
    enabled: !!userId,
    queryFn: async () => (await unwrap(api.api.auth.me.$get())).mustChangePassword,
    gcTime: 0,
    retry: false,
  });
}

/** `POST /api/auth/password`; afterwards the password state is read again. */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => unwrap(api.api.auth.password.$post({ json: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: PASSWORD_STATE_KEY }),
  });
}

/** The accounts the caller manages (kepsek: staff; admin dinas: kepsek). */
export function useAccounts(enabled = true) {
  return useQuery({ queryKey: ACCOUNTS_KEY, enabled, queryFn: () => unwrap(api.api.accounts.$get()) });
}

function useAccountChange<T>(call: (id: string) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      void qc.invalidateQueries({ queryKey: ['staff'] });
    },
  });
}

/** Sets a one-time password (answered once: show it, never store it). */
export function useResetPassword() {
  return useAccountChange((id) => unwrap(api.api.accounts[':id']['reset-password'].$post({ param: { id } })));
}

export function useDisableAccount() {
  return useAccountChange((id) => unwrap(api.api.accounts[':id'].disable.$post({ param: { id } })));
}

export function useEnableAccount() {
  return useAccountChange((id) => unwrap(api.api.accounts[':id'].enable.$post({ param: { id } })));
}
