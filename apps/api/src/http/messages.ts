/**
 * User-facing API messages: Bahasa Indonesia first, English when the caller
 * sends `Accept-Language: en`. Codes stay English and stable; only the
 * message text is translated.
 */
export const MESSAGES = {
  unauthorized: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  forbidden: { id: 'Anda tidak berwenang melakukan ini.', en: 'You are not allowed to do this.' },
  not_found: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  route_not_found: { id: 'Alamat API tidak dikenal.', en: 'Unknown API route.' },
  case_not_found: { id: 'Kasus tidak ditemukan.', en: 'Case not found.' },
  student_not_found: { id: 'Siswa tidak ditemukan.', en: 'Student not found.' },
  pathway_not_found: { id: 'Jalur tidak ditemukan.', en: 'Pathway not found.' },
  version_not_found: { id: 'Versi jalur tidak ditemukan.', en: 'Pathway version not found.' },
  template_not_found: { id: 'Templat tidak ditemukan.', en: 'Template not found.' },
  internal: { id: 'Terjadi kesalahan di server. Coba lagi nanti.', en: 'Something went wrong on the server. Try again later.' },
  invalid_request: { id: 'Permintaan tidak valid.', en: 'Invalid request.' },
  malformed_body: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  unsupported_media_type: { id: 'Jenis isi permintaan harus application/json.', en: 'The request body must be application/json.' },
  body_too_large: { id: 'Isi permintaan terlalu besar.', en: 'The request body is too large.' },
  invalid_credentials: { id: 'Email atau kata sandi salah.', en: 'Wrong email or password.' },
  rate_limited: { id: 'Terlalu banyak percobaan masuk. Tunggu sebentar lalu coba lagi.', en: 'Too many sign-in attempts. Wait a moment and try again.' },
  locked_out: { id: 'Akun dikunci sementara karena terlalu banyak percobaan gagal.', en: 'Account temporarily locked after too many failed attempts.' },
  csrf_failed: { id: 'Permintaan ditolak: token CSRF tidak ada atau salah.', en: 'Request refused: missing or wrong CSRF token.' },
  version_conflict: { id: 'Kasus sudah diubah orang lain. Muat ulang lalu coba lagi.', en: 'The case was changed by someone else. Reload and try again.' },
  revision_conflict: { id: 'Draf sudah diubah orang lain. Muat ulang lalu coba lagi.', en: 'The draft was changed by someone else. Reload and try again.' },
  event_not_allowed: { id: 'Tindakan ini tidak dapat dilakukan sekarang.', en: 'This action is not allowed now.' },
  invalid_document: { id: 'Dokumen jalur tidak valid.', en: 'The pathway document is invalid.' },
  lint_failed: { id: 'Jalur masih memiliki kesalahan; perbaiki dulu sebelum diterbitkan.', en: 'The pathway has errors; fix them before publishing.' },
  not_draft: { id: 'Jalur ini tidak memiliki draf yang dapat diubah.', en: 'This pathway has no editable draft.' },
  no_published_version: { id: 'Jalur ini belum diterbitkan.', en: 'This pathway has not been published yet.' },
  idempotency_mismatch: { id: 'Kunci idempotensi sudah dipakai untuk permintaan lain.', en: 'The idempotency key was already used for another request.' },
  duplicate: { id: 'Data dengan nilai yang sama sudah ada.', en: 'A record with the same value already exists.' },
  invalid_reference: { id: 'Data yang dirujuk tidak ditemukan di sekolah Anda.', en: 'The referenced record does not exist in your school.' },
} as const satisfies Record<string, { id: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
export type Language = 'id' | 'en';

/** `Accept-Language: en…` (first preference) picks English; anything else Indonesian. */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'id';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}

/** The message for a key in the given language. */
export function translate(key: MessageKey, lang: Language): string {
  return MESSAGES[key][lang];
}
