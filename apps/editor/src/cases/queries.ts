/** Server state of the case-work pages (TanStack Query), one key family per resource. */
import { useQuery } from '@tanstack/react-query';
import type { PathwayDocument } from '@jalur/engine';
import { call } from './http.ts';
import type {
  CalendarList, CaseEventView, CaseView, ConsentView, EarlyWarningList, NoteView, NotificationView, PathwayList, RecordView, ReferralView, StudentView, TaskList, VersionDetail,
} from './types.ts';

export const cwKeys = {
  cases: (q: string) => ['cw', 'cases', q] as const,
  case: (id: string) => ['cw', 'case', id] as const,
  caseAll: (id: string) => ['cw', 'case', id] as const,
  pathways: ['cw', 'pathways'] as const,
  version: (pathwayId: string, v: number) => ['cw', 'version', pathwayId, v] as const,
  tasks: ['cw', 'tasks'] as const,
  notifications: ['cw', 'notifications'] as const,
  earlyWarning: ['cw', 'early-warning'] as const,
  students: (q: string) => ['cw', 'students', q] as const,
  calendar: (month: string) => ['cw', 'calendar', month] as const,
};

/** Cases matching a query string (`status=active&overdue=true`). */
export function useCases(query: string) {
  return useQuery({ queryKey: cwKeys.cases(query), queryFn: () => call<{ items: CaseView[] }>('GET', `/api/cases?${query}`) });
}

export function usePathways() {
  return useQuery({ queryKey: cwKeys.pathways, queryFn: () => call<PathwayList>('GET', '/api/pathways'), staleTime: 60_000 });
}

/**
 * A published version's document (versions never change: cached for good).
 * The server checked it when it was published, so the case pages read it as
 * it is, without the engine's zod parser in the browser.
 */
export function useVersionDocument(pathwayId: string | undefined, version: number | null | undefined) {
  return useQuery({
    queryKey: cwKeys.version(pathwayId ?? '', version ?? 0),
    enabled: Boolean(pathwayId && version),
    staleTime: Infinity,
    queryFn: async (): Promise<PathwayDocument> => {
      const v = await call<VersionDetail>('GET', `/api/pathways/${pathwayId}/versions/${version}`);
      return v.document as PathwayDocument;
    },
  });
}

export function useCase(id: string) {
  return useQuery({ queryKey: [...cwKeys.case(id), 'view'], queryFn: () => call<CaseView>('GET', `/api/cases/${id}`) });
}

export function useCaseList<T>(id: string, what: 'events' | 'notes' | 'consents' | 'referrals' | 'records') {
  return useQuery({ queryKey: [...cwKeys.case(id), what], queryFn: () => call<{ items: T[] }>('GET', `/api/cases/${id}/${what}`) });
}

export const useCaseEvents = (id: string) => useCaseList<CaseEventView>(id, 'events');
export const useNotes = (id: string) => useCaseList<NoteView>(id, 'notes');
export const useConsents = (id: string) => useCaseList<ConsentView>(id, 'consents');
export const useReferrals = (id: string) => useCaseList<ReferralView>(id, 'referrals');
export const useRecords = (id: string) => useCaseList<RecordView>(id, 'records');

export function useTasks() {
  return useQuery({ queryKey: cwKeys.tasks, queryFn: () => call<TaskList>('GET', '/api/tasks?scope=mine') });
}

export function useNotifications() {
  return useQuery({ queryKey: cwKeys.notifications, queryFn: () => call<{ items: NotificationView[] }>('GET', '/api/notifications') });
}

export function useEarlyWarning() {
  return useQuery({ queryKey: cwKeys.earlyWarning, queryFn: () => call<EarlyWarningList>('GET', '/api/early-warning') });
}

export function useStudents(search: string) {
  return useQuery({ queryKey: cwKeys.students(search), queryFn: () => call<{ items: StudentView[] }>('GET', `/api/students?limit=500${search ? `&search=${encodeURIComponent(search)}` : ''}`) });
}

export function useCalendar(month: string) {
  const last = new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0).getDate();
  return useQuery({ queryKey: cwKeys.calendar(month), queryFn: () => call<CalendarList>('GET', `/api/calendar?from=${month}-01&to=${month}-${String(last).padStart(2, '0')}`) });
}
