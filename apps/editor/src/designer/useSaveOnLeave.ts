/**
 * Leaving the designer within the autosave delay: the navigation waits while
 * the draft is saved, then goes on. When it cannot be saved (a conflict, an
 * invalid draft, no connection) the user is asked whether to leave anyway.
 */
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from '../app/router.tsx';
import { useEditor } from './store/editorStore.ts';

export interface LeaveState {
  /** Set while asking whether to leave without saving. */
  asking: { reason: string } | null;
  stay(): void;
  leave(): void;
}

export function useSaveOnLeave(save: () => Promise<boolean>, unsaved: () => boolean, reason: () => string): LeaveState {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && !useEditor.getState().readOnly && unsaved());
  const [asking, setAsking] = useState<{ reason: string } | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked' || busy.current || asking) return;
    busy.current = true;
    void save()
      .then((ok) => {
        if (ok && !unsaved()) blocker.proceed();
        else setAsking({ reason: reason() });
      })
      .catch(() => setAsking({ reason: reason() }))
      .finally(() => {
        busy.current = false;
      });
  }, [blocker, save, unsaved, reason, asking]);

  return {
    asking,
    stay() {
      setAsking(null);
      if (blocker.state === 'blocked') blocker.reset();
    },
    leave() {
      setAsking(null);
      if (blocker.state === 'blocked') blocker.proceed();
    },
  };
}
