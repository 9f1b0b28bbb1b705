/**
 * A guard for uploaded `.xlsx` files (zip archives) before a spreadsheet
 * library unpacks them: a 300 kB "zip bomb" can inflate to gigabytes and take
 * the server down for every school. Reads the archive's central directory and
 * inflates each entry with a hard output cap (zlib's `maxOutputLength`), so
 * the real unpacked size is known — declared sizes can lie — before anything
 * else touches the file.
 */
import { inflateRaw, inflateRawSync } from 'node:zlib';
import { promisify } from 'node:util';

const inflateRawAsync = promisify(inflateRaw);

export interface ZipLimits {
  /** Total unpacked bytes of all entries. */
  maxTotalBytes: number;
  maxEntries: number;
}

/** A roster of several thousand students is a few MB unpacked. */
export const XLSX_LIMITS: ZipLimits = { maxTotalBytes: 40_000_000, maxEntries: 1000 };

/** Null when the archive unpacks within `limits`; otherwise why not. Zip64 and unknown compression methods are refused. */
export function checkZipLimits(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'not a zip archive';
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff) return 'zip64 archives are not accepted';
  if (entries > limits.maxEntries) return `too many entries (${entries})`;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return 'damaged central directory';
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) return 'zip64 entries are not accepted';
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return 'damaged entry';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return 'damaged entry';
    const budget = limits.maxTotalBytes - total;
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += inflateRawSync(buf.subarray(start, start + compressed), { maxOutputLength: Math.max(1, budget) }).length;
      } catch {
        return `unpacks to more than ${limits.maxTotalBytes} bytes, or is damaged`;
      }
    } else {
      return `compression method ${method} is not accepted`;
    }
    if (total > limits.maxTotalBytes) return `unpacks to more than ${limits.maxTotalBytes} bytes`;
  }
  return null;
}

/** {@link checkZipLimits}, inflating on libuv's thread pool: the event loop stays free for other requests while a 40 MB archive is measured. */
export async function checkZipLimitsAsync(bytes: Uint8Array, limits: ZipLimits = XLSX_LIMITS): Promise<string | null> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'not a zip archive';
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff) return 'zip64 archives are not accepted';
  if (entries > limits.maxEntries) return `too many entries (${entries})`;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return 'damaged central directory';
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) return 'zip64 entries are not accepted';
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return 'damaged entry';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return 'damaged entry';
    const budget = limits.maxTotalBytes - total;
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += (await inflateRawAsync(buf.subarray(start, start + compressed), { maxOutputLength: Math.max(1, budget) })).length;
      } catch {
        return `unpacks to more than ${limits.maxTotalBytes} bytes, or is damaged`;
      }
    } else {
      return `compression method ${method} is not accepted`;
    }
    if (total > limits.maxTotalBytes) return `unpacks to more than ${limits.maxTotalBytes} bytes`;
  }
  return null;
}
