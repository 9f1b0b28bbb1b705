/**
 * Shapes of the API's answers, inferred from its route types (one source of
 * truth: a changed route breaks this build, not the page).
 */
import type { JalurClient } from '@jalur/api/client';
import type { InferResponseType } from 'hono/client';

type Api = JalurClient['api'];

export type CaseView = InferResponseType<Api['cases'][':id']['$get'], 200>;
export type CaseEventView = InferResponseType<Api['cases'][':id']['events']['$get'], 200>['items'][number];
export type NoteView = InferResponseType<Api['cases'][':id']['notes']['$get'], 200>['items'][number];
export type ConsentView = InferResponseType<Api['cases'][':id']['consents']['$get'], 200>['items'][number];
export type ReferralView = InferResponseType<Api['referrals']['$get'], 200>['items'][number];
export type RecordView = InferResponseType<Api['cases'][':id']['records']['$get'], 200>['items'][number];
export type TaskView = InferResponseType<Api['tasks']['$get'], 200>['items'][number];
export type TaskList = InferResponseType<Api['tasks']['$get'], 200>;
export type NotificationView = InferResponseType<Api['notifications']['$get'], 200>['items'][number];
export type EarlyWarningList = InferResponseType<Api['early-warning']['$get'], 200>;
export type FlaggedStudent = EarlyWarningList['items'][number];
export type StudentView = InferResponseType<Api['students']['$get'], 200>['items'][number];
export type PathwayList = InferResponseType<Api['pathways']['$get'], 200>;
export type VersionDetail = InferResponseType<Api['pathways'][':id']['versions'][':v']['$get'], 200>;
export type CalendarList = InferResponseType<Api['calendar']['$get'], 200>;
