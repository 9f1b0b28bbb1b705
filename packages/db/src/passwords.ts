/**
 * Password hashing with node's scrypt. The stored string carries its own
 * parameters (`scrypt$N$r$p$salt$hash`, base64), so the cost can be raised:
 * old hashes still verify, and {@link needsRehash} tells the login to store
 * a new one at the current cost once it knows the password.
 *
 * Cost: N = 2^17, r = 8, p = 1 (OWASP's scrypt minimum): 128 MiB and about
 * 0.1–0.4 s of one core per hash on a school server. scrypt needs
 * 128·N·r bytes, above node's default `maxmem` (32 MiB), so `maxmem` is
 * raised to fit exactly the parameters being run (stored ones included, up
 * to a bound so a forged hash cannot ask for gigabytes).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** The cost of every new hash. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** The most memory one verification may take (a stored hash asking for more is treated as malformed). */
const MAX_MEMORY = 512 * 1024 * 1024;

const memoryOf = ({ N, r, p }: ScryptParams) => 128 * N * r + 128 * r * p + 1024 * 1024;

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { ...params, maxmem: memoryOf(params) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with a fresh 16-byte salt (at {@link SCRYPT_PARAMS}; other parameters only for tests of old hashes). */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parameters of a stored hash, or null when it is malformed or asks for too much memory. */
export function hashParams(stored: string): ScryptParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0)) return null;
  if (N < 2 || (N & (N - 1)) !== 0) return null;
  const params = { N, r, p };
  return memoryOf(params) <= MAX_MEMORY ? params : null;
}

/** True when `password` matches `stored` (constant-time compare); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = hashParams(stored);
  if (!params) return false;
  const parts = stored.split('$');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return false;
  const key = await derive(password, Buffer.from(parts[4]!, 'base64'), params, expected.length);
  return timingSafeEqual(key, expected);
}

/** True when a stored hash is weaker than {@link SCRYPT_PARAMS}: store a new one at the next successful login. */
export function needsRehash(stored: string): boolean {
  const params = hashParams(stored);
  if (!params) return false;
  return params.N < SCRYPT_PARAMS.N || params.r < SCRYPT_PARAMS.r || params.p < SCRYPT_PARAMS.p;
}

let dummy: Promise<string> | undefined;
/** A hash of a random password at the current cost (made on first use): checked against when there is no hash to check, so timing tells nothing. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(12).toString('hex'));
  return dummy;
}

/** @deprecated Use {@link dummyHash}; kept for existing callers (awaitable, lazy). */
export const DUMMY_HASH_PROMISE: PromiseLike<string> = { then: (onOk, onErr) => dummyHash().then(onOk, onErr) };
