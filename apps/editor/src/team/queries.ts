/**
 * The Satgas SRPS team (`/api/team`) and the signed-in account's roles
 * (`/api/accounts/me/roles`, `/me/role`) as server state, over the typed client.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { JalurClient } from '@jalur/api/client';
import { api, unwrap } from '../api/client.ts';

type TeamRoutes = JalurClient['api']['team'];
export type TeamMember = InferResponseType<TeamRoutes['$get'], 200>['members'][number];
export type TeamFunction = TeamMember['function'];
export type NewMember = InferRequestType<TeamRoutes['$post']>['json'];
export type MyRoles = InferResponseType<JalurClient['api']['accounts']['me']['roles']['$get'], 200>;

/** The functions in the order the case study (seed 002) lists them. */
export const TEAM_FUNCTIONS: readonly TeamFunction[] = ['kepala_sekolah', 'wakasek_kesiswaan', 'guru_bk', 'wali_kelas', 'pembina_osis', 'osis', 'komite'];

export const TEAM_KEY = ['team'] as const;
export const MY_ROLES_KEY = ['me', 'roles'] as const;

export function useTeam(enabled = true) {
  return useQuery({ queryKey: TEAM_KEY, queryFn: () => unwrap(api.api.team.$get()), enabled });
}

export function useAddMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (json: NewMember) => unwrap(api.api.team.$post({ json })),
    onSettled: () => void qc.invalidateQueries({ queryKey: TEAM_KEY }),
  });
}

export function useUpdateMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; duties: string }) => unwrap(api.api.team[':id'].$patch({ param: { id: input.id }, json: { duties: input.duties } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: TEAM_KEY }),
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.api.team[':id'].$delete({ param: { id } })),
    onSettled: () => void qc.invalidateQueries({ queryKey: TEAM_KEY }),
  });
}

/** The account's roles and the one the session acts in. */
export function useMyRoles(enabled = true) {
  return useQuery({ queryKey: MY_ROLES_KEY, queryFn: () => unwrap(api.api.accounts.me.roles.$get()), enabled, staleTime: 60_000 });
}

/**
 * Switches the session's active role. Everything cached was read as the old
 * role, so every query is fetched again (the menu, lists and pages follow).
 */
export function useSwitchRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (role: MyRoles['active']['role']) => unwrap(api.api.accounts.me.role.$post({ json: { role } })),
    onSuccess: async (body) => {
      qc.setQueryData(MY_ROLES_KEY, body);
      await qc.invalidateQueries();
    },
  });
}
