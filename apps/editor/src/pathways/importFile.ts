/**
 * Reads a JSON file the user picked: a Jalur pathway document, or a plain
 * XState v5 config (also our own export), turned into a pathway.
 */
import { importXState, parsePathway, type DocumentIssue, type ImportResult, type ImportWarning } from '@jalur/engine';

/** Parses the text of an imported file; an XState config also says what it left out (`warnings`). */
export function pathwayFromJson(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: [{ path: [], message: { id: 'Isinya bukan JSON yang utuh; mungkin berkasnya terpotong atau bukan ekspor jalur', en: 'Its content is not complete JSON; the file may be cut off or not a pathway export' } }] };
  }
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'jalur.pathway/1') {
    const r = parsePathway(json);
    return r.ok ? { ...r, warnings: [] } : r;
  }
  return importXState(json);
}

/** Opens the browser's file picker and resolves with the chosen file's text (or null). */
export function pickJsonFile(): Promise<string | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'application/json,.json';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      void file.text().then(resolve);
    };
    input.click();
  });
}

/**
 * Import problems as plain sentences in the user's language: the engine's
 * messages already say where (step, field) in words, so no raw paths; step
 * kinds are named as the palette names them; at most three, then how many more.
 */
export function importErrorText(issues: readonly DocumentIssue[], lang: 'id' | 'en', t: (key: string, opts?: Record<string, unknown>) => string): string {
  const sentence = (s: string) => {
    const named = s.replace(/‘([a-z_]+)’/g, (whole, code: string) => {
      const kind = t(`kind.${code}`, { defaultValue: '' });
      return kind ? `‘${kind}’` : whole;
    });
    const trimmed = named.trim();
    const cap = trimmed ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
    return /[.!?]$/.test(cap) ? cap : `${cap}.`;
  };
  const shown = issues.slice(0, 3).map((i) => sentence(i.message[lang] ?? i.message.id));
  const more = issues.length - shown.length;
  return [t('dsg.importFailed'), ...shown, ...(more > 0 ? [t('dsg.importMore', { count: more })] : [])].join(' ');
}

/**
 * What an import left out (actions, services, code guards…), as plain
 * sentences in the user's language: the engine's warnings already say where
 * in words. Empty when nothing was left out.
 */
export function importWarningText(warnings: readonly ImportWarning[], lang: 'id' | 'en', t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, 3).map((w) => w.message[lang] ?? w.message.id);
  const more = warnings.length - shown.length;
  return [t('dsg.importLeftOut', { count: warnings.length }), ...shown, ...(more > 0 ? [t('dsg.importLeftMore', { count: more })] : [])].join(' ');
}
