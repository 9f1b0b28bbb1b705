/**
 * A failed request whose answer carries no sentence of the API's own (a
 * proxy's page, an empty body) still reads as one sentence in the UI's
 * language — never `HTTP 403` or a JSON body.
 */
export function statusSentence(status: number, lang: string): string {
  const en = lang === 'en';
  if (status === 401) return en ? 'Your session has ended. Sign in again.' : 'Sesi Anda sudah berakhir. Silakan masuk lagi.';
  if (status === 403) return en ? 'You are not allowed to do this.' : 'Anda tidak berwenang melakukan ini.';
  if (status === 404) return en ? 'This was not found.' : 'Data ini tidak ditemukan.';
  if (status === 409) return en ? 'Someone changed this in the meantime. Reload and try again.' : 'Data ini sudah diubah orang lain. Muat ulang lalu coba lagi.';
  if (status === 413) return en ? 'What you sent is too large.' : 'Kiriman Anda terlalu besar.';
  if (status === 429) return en ? 'Too many attempts. Wait a moment and try again.' : 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.';
  if (status >= 500) return en ? 'The server ran into a problem. Try again in a moment.' : 'Server sedang bermasalah. Coba lagi sebentar lagi.';
  return en ? 'The request was not accepted.' : 'Permintaan tidak diterima.';
}
