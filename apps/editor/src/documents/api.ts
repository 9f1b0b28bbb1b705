/**
 * Calls of the paperwork panels: JSON through the case-work `call` (CSRF,
 * error shape), and the two that are not JSON — a PDF download and a logo
 * upload — with the session's CSRF token.
 */
import { ApiFailure } from '../api/client.ts';
import { call } from '../cases/http.ts';
import { currentLang } from '../i18n/index.ts';

export { call };

export type Level = 'umum' | 'terbatas' | 'rahasia';
export type DocumentKind = 'buku_kasus' | 'laporan_layanan' | 'berita_acara_kunjungan' | 'notulen_konferensi' | 'surat_rujukan' | 'surat_panggilan';

export interface DocumentsView {
  available: { kind: DocumentKind; title: { id: string; en: string }; needsSubject: boolean; subjects: { id: string; label: string }[] }[];
  issued: { id: string; kind: DocumentKind; number: string; generatedAt: string; generatedBy: { id: string; name: string }; withRahasia: boolean }[];
}

export interface FamilyContact {
  id: string; guardianName: string; relationship: string | null; phone: string | null; channel: string; channelLabel: string; template: string | null; message: string | null;
  outcome: string | null; confidentiality: Level; contactedBy: { id: string; name: string }; contactedAt: string;
}
export interface ParentMeeting { id: string; guardianName: string; scheduledAt: string; when: string; place: string; purpose: string; status: 'scheduled' | 'held' | 'cancelled'; host: { id: string; name: string } }
export interface FamilyView {
  guardian: { name: string | null; phone: string | null; phoneDisplay: string | null; phoneProblem: { id: string; en: string } | null };
  contacts: FamilyContact[];
  meetings: ParentMeeting[];
  templates: { key: string; label: { id: string; en: string }; text: string }[];
  canWrite: boolean;
  writableLevels: Level[];
}
export interface SchoolProfile {
  schoolName: string; npsn: string | null; authority: string | null; address: string | null; city: string | null; phone: string | null; email: string | null; website: string | null;
  letterCode: string | null; hasLogo: boolean; logoMime: string | null; updatedAt: string | null;
}

async function csrf(): Promise<string | null> {
  const r = await fetch('/api/auth/me', { credentials: 'same-origin' });
  return r.ok ? (((await r.json()) as { csrfToken?: string }).csrfToken ?? null) : null;
}

async function failure(res: Response): Promise<ApiFailure> {
  const parsed = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  return new ApiFailure(res.status, parsed?.error?.code ?? 'error', parsed?.error?.message ?? `HTTP ${res.status}`, parsed?.error?.details);
}

async function send(method: 'POST' | 'PUT', path: string, body: BodyInit, type: string): Promise<Response> {
  const token = await csrf();
  try {
    return await fetch(path, { method, credentials: 'same-origin', headers: { 'Content-Type': type, 'Accept-Language': currentLang(), ...(token ? { 'X-CSRF-Token': token } : {}) }, body });
  } catch (e) {
    throw new ApiFailure(0, 'network', currentLang() === 'en' ? 'The server cannot be reached.' : 'Server tidak dapat dihubungi.', e);
  }
}

/** Generates one numbered document and saves it as a file; resolves with its number. */
export async function downloadDocument(caseId: string, kind: DocumentKind, subjectId?: string): Promise<string> {
  const res = await send('POST', `/api/cases/${caseId}/documents`, JSON.stringify({ kind, ...(subjectId ? { subjectId } : {}) }), 'application/json');
  if (!res.ok) throw await failure(res);
  const number = res.headers.get('x-document-number') ?? '';
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.pdf`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return number;
}

/** Uploads the school's logo (PNG or JPEG). */
export async function uploadLogo(file: File): Promise<SchoolProfile> {
  const res = await send('PUT', '/api/school/logo', await file.arrayBuffer(), file.type || 'application/octet-stream');
  if (!res.ok) throw await failure(res);
  return (await res.json()) as SchoolProfile;
}
