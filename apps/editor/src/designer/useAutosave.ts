/**
 * Autosave of a draft: a short while after each change the document is sent
 * with the revision it was based on. A 409 means someone else saved in
 * between; the conflict says who (when the API tells) and when, and the user
 * chooses to load theirs or to save over it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { parsePathway } from '@jalur/engine';
import { useEditor } from './store/editorStore.ts';
import { ApiFailure, api, type PathwayDetail } from '../api/client.ts';
import { fetchPathway, saveDraft } from '../pathways/queries.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'invalid' | 'error';

export interface Conflict {
  currentRevision: number;
  updatedAt?: string;
  updatedBy?: string;
  server?: PathwayDetail;
}

const DELAY_MS = 1200;

export function useAutosave(id: string, loadedRev: number | null, initialRevision: number) {
  const revision = useRef(initialRevision);
  const savedRev = useRef<number | null>(loadedRev);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rev = useEditor((s) => s.rev);
  const readOnly = useEditor((s) => s.readOnly);

  useEffect(() => {
    revision.current = initialRevision;
    savedRev.current = loadedRev;
    setStatus('saved');
    setConflict(null);
  }, [id, loadedRev, initialRevision]);

  const save = useCallback(
    async (force?: number): Promise<boolean> => {
      if (inFlight.current) await inFlight.current;
      const s = useEditor.getState();
      const target = s.rev;
      if (force === undefined && savedRev.current === target) return true;
      const doc = s.toDocument();
      const parsed = parsePathway(doc);
      if (!parsed.ok) {
        setStatus('invalid');
        const first = parsed.error[0];
        setMessage(first ? `${first.path.join('.')}: ${first.message.id}` : null);
        return false;
      }
      setStatus('saving');
      const run = (async () => {
        try {
          const saved = await saveDraft(id, parsed.value, force ?? revision.current);
          revision.current = saved.draftRevision;
          savedRev.current = target;
          setConflict(null);
          setMessage(null);
          setStatus(useEditor.getState().rev === target ? 'saved' : 'dirty');
          return true;
        } catch (e) {
          if (e instanceof ApiFailure && e.status === 409) {
            // `updatedByName` is shown when the API sends it (in the 409 details or the pathway).
            const details = (e.details ?? {}) as { currentRevision?: number; updatedByName?: string };
            const c: Conflict = { currentRevision: details.currentRevision ?? revision.current + 1 };
            if (details.updatedByName) c.updatedBy = details.updatedByName;
            try {
              const server = await fetchPathway(id);
              c.server = server;
              c.updatedAt = server.updatedAt;
              const who = (server as { updatedByName?: string }).updatedByName;
              if (who && !c.updatedBy) c.updatedBy = who;
            } catch {
              // The conflict is still shown without the details.
            }
            setConflict(c);
            setStatus('conflict');
            return false;
          }
          setStatus('error');
          setMessage(e instanceof Error ? e.message : String(e));
          return false;
        }
      })();
      inFlight.current = run;
      const ok = await run;
      inFlight.current = null;
      return ok;
    },
    [id],
  );

  useEffect(() => {
    if (readOnly || savedRev.current === null || rev === savedRev.current || status === 'conflict') return;
    setStatus((st) => (st === 'saving' ? st : 'dirty'));
    const timer = setTimeout(() => void save(), DELAY_MS);
    return () => clearTimeout(timer);
  }, [rev, readOnly, save, status]);

  // A page closed with unsaved changes still sends them (keepalive) and asks first.
  useEffect(() => {
    const unsaved = () => !readOnly && savedRev.current !== null && useEditor.getState().rev !== savedRev.current;
    const onHide = () => {
      if (!unsaved()) return;
      const parsed = parsePathway(useEditor.getState().toDocument());
      if (parsed.ok) void api.api.pathways[':id'].$put({ param: { id }, json: { document: parsed.value as never, expectedRevision: revision.current } }, { init: { keepalive: true } });
    };
    const onBefore = (e: BeforeUnloadEvent) => {
      if (unsaved()) e.preventDefault();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onBefore);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onBefore);
    };
  }, [id, readOnly]);

  /** Takes the other person's draft and drops ours. */
  const takeTheirs = useCallback(() => {
    if (!conflict?.server) return;
    const parsed = parsePathway(conflict.server.draft);
    if (!parsed.ok) return;
    useEditor.getState().load(parsed.value);
    revision.current = conflict.server.draftRevision;
    savedRev.current = useEditor.getState().rev;
    setConflict(null);
    setStatus('saved');
  }, [conflict]);

  /** Saves ours over theirs. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    setConflict(null);
    void save(conflict.currentRevision);
  }, [conflict, save]);

  /** True while the draft has changes the server has not got. */
  const unsaved = useCallback(() => !useEditor.getState().readOnly && savedRev.current !== null && useEditor.getState().rev !== savedRev.current, []);

  return { status, conflict, message, save, takeTheirs, keepMine, revision, unsaved };
}
