/**
 * Reads a JSON file the user picked: a Jalur pathway document, or a plain
 * XState v5 config (also our own export), turned into a pathway.
 */
import { importXState, parsePathway, type DocumentIssue, type PathwayDocument, type Result } from '@jalur/engine';

/** Parses the text of an imported file. */
export function pathwayFromJson(text: string): Result<PathwayDocument, DocumentIssue[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: [{ path: [], message: { id: `Berkas bukan JSON yang valid: ${(e as Error).message}`, en: `The file is not valid JSON: ${(e as Error).message}` } }] };
  }
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === 'jalur.pathway/1') return parsePathway(json);
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
