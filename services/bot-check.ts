import { CappedMap, createChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/**
 * The self-hosted bot check (ALTCHA proof of work): the browser spends about a
 * second of computation, no third party is involved, and nothing is asked of the
 * person. Challenges are signed with the app secret, expire, and work once.
 */
const ALGORITHM = 'PBKDF2/SHA-256';
const COST = 1000;
const KEY_PREFIX = '000';
const LIFETIME_MS = 10 * 60 * 1000;

export function createBotChallenge(secret: string): Promise<Challenge> {
  return createChallenge({
    algorithm: ALGORITHM,
    cost: COST,
    keyPrefix: KEY_PREFIX,
    deriveKey,
    expiresAt: new Date(Date.now() + LIFETIME_MS),
    hmacSignatureSecret: secret,
  });
}

// Signatures already used, per process, so one solved challenge cannot serve many posts.
const used = new CappedMap<string, number>({ maxSize: 50_000 });

/** True when the payload the widget posted solves one of our live challenges, first time. */
export async function verifyBotCheck(secret: string, encoded: string | undefined): Promise<boolean> {
  if (!encoded || encoded.length > 10_000) return false;
  let payload: Payload;
  try {
    const text = encoded.trim().startsWith('{') ? encoded : Buffer.from(encoded, 'base64').toString('utf8');
    payload = JSON.parse(text) as Payload;
  } catch {
    return false;
  }
  if (!payload?.challenge?.parameters || !payload.solution || !payload.challenge.signature) return false;
  const signature = payload.challenge.signature;
  if (used.has(signature)) return false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secret,
    });
    if (!result.verified) return false;
  } catch {
    return false;
  }
  return used.setIfAbsent(signature, Date.now());
}
