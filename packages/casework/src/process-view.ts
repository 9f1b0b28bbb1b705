/**
 * The process view's figures (issue 16) as `GET /api/pathways/{id}/process`
 * answers them: computed from the case events by `processView` in
 * `@jalur/cases`, drawn by the editor's process page. Types only, so the
 * browser bundle gains nothing.
 */

/** One step: how many cases entered it, how long finished stays took, who waits there now. */
export interface StepFlow {
  stateId: string;
  /** Times a case entered the step. */
  entered: number;
  /** Finished stays: how many, median and 90th percentile in ms (null without one). */
  stays: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Active cases in the step now, and how long the longest and the median have waited (ms). */
  waitingNow: number;
  waitingMedianMs: number | null;
  waitingLongestMs: number | null;
}

/** How many times cases went from one step to another. */
export interface TransitionFlow {
  /** The step left (`''` for a case's opening; `a,b` when parallel branches join). */
  from: string;
  to: string;
  count: number;
}

export interface ProcessView {
  cases: number;
  steps: StepFlow[];
  transitions: TransitionFlow[];
}
