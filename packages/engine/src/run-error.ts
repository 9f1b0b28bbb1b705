/**
 * The error the engine throws when XState itself cannot run a pathway —
 * today only a code guard (kept by name on import, JALUR004) that XState
 * must evaluate while starting a case. Lint reports such pathways before they
 * are published; this keeps a draft from being called active while XState
 * says its snapshot is `error`.
 */
import type { Localized } from './document.ts';

export class PathwayRunError extends Error {
  override readonly name = 'PathwayRunError';
  readonly detail: Localized;

  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const guard = /Guard '([^']*)'/.exec(why)?.[1];
    const detail: Localized = guard
      ? {
          id: `Jalur ini tidak bisa dimulai: syarat ‘${guard}’ adalah kode yang tidak bisa dijalankan jalur (JALUR004). Ganti dengan syarat check, and, or, not atau role.`,
          en: `This pathway cannot start: guard ‘${guard}’ is code a pathway cannot run (JALUR004). Replace it with a check, and, or, not or role guard.`,
        }
      : { id: `Jalur ini tidak bisa dijalankan: ${why}`, en: `This pathway cannot run: ${why}` };
    super(detail.en ?? detail.id);
    this.detail = detail;
  }
}
