/** The school's staff and their roles as server state (kepsek only), over the typed client. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

type StaffRoutes = JalurClient['api']['staff'];
export type StaffMember = InferResponseType<StaffRoutes['$get'], 200>['items'][number];
export type RoleChange = InferRequestType<StaffRoutes[':id']['role']['$put']>['json'];
export type StaffRole = RoleChange['role'];

/** The roles a kepsek can give, in the order the selector shows them. */
export const STAFF_ROLES: readonly StaffRole[] = ['kepsek', 'guru_bk', 'wali_kelas', 'tim'];

export const STAFF_KEY = ['staff'] as const;

export function useStaff() {
  return useQuery({ queryKey: STAFF_KEY, queryFn: () => unwrap(api.api.staff.$get()) });
}

/** Changes one staff member's role; the list is fetched again afterwards. */
export function useRoleChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; change: RoleChange }) => unwrap(api.api.staff[':id'].role.$put({ param: { id: input.id }, json: input.change })),
    onSettled: () => void qc.invalidateQueries({ queryKey: STAFF_KEY }),
  });
}

type AccountRoutes = JalurClient['api']['accounts'];
export type RoleGrants = InferRequestType<AccountRoutes[':id']['roles']['$put']>['json']['roles'];

/** Replaces a staff member's roles (the first stays the main one); the staff and account lists are fetched again. */
export function useSetRoles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; roles: RoleGrants }) => unwrap(api.api.accounts[':id'].roles.$put({ param: { id: input.id }, json: { roles: input.roles } })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: STAFF_KEY });
      void qc.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
}
