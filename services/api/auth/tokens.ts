/**
 * Access tokens: HS256 JWTs signed and checked with jose, with the key an entry point hands in
 * (`accessTokens(keySource)`; the Lambda entries use ./signing-key.ts). Only HS256 with our issuer and
 * audience is accepted, so `alg: none`, other algorithms, tampered, expired or foreign tokens all fail
 * verification.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export const tokenIssuer = 'goal-mandala';
export const tokenAudience = 'goal-mandala-api';
/** No refresh tokens: a working day's session, then sign in again. */
export const tokenLifetimeSeconds = 12 * 60 * 60;

export interface TokenUser {
  readonly id: string;
  readonly email: string;
}

/** What a valid token says: whose it is and which session (`sid`) it belongs to; the session may have ended. */
export interface VerifiedToken {
  readonly user: TokenUser;
  readonly sessionId: string;
  /** The token's expiry, ms since the epoch. */
  readonly expiresAt: number;
}

/**
 * The signing key's current value: bytes held in memory (local stack, tests), or a secret's string read
 * through the secrets cache (Lambda), so a rotated secret is picked up.
 */
export type SigningKeySource = () => Uint8Array | string | Promise<string>;

/** Signs and checks the access tokens of one signing key. */
export interface AccessTokens {
  /** A token for the user's session `sessionId` (a row of the sessions table). */
  sign(user: TokenUser, sessionId: string): Promise<string>;
  /**
   * The token's claims, or null for any token we did not issue or that is no longer valid. Only the token is
   * checked here: whether its session is still live is the session check's business (session-check.ts).
   */
  verify(token: string): Promise<VerifiedToken | null>;
}

const maxVerified = 1000;

export function accessTokens(keySource: SigningKeySource): AccessTokens {
  // One KeyObject for the current key, so a verification neither re-imports nor re-encodes the key. The
  // source (the key's bytes, or the secret's string) is compared by identity or value, never re-encoded.
  let cachedKey: { source: Uint8Array | string; key: KeyObject } | undefined;
  // Tokens already verified with the current key, until they expire: a client sends the same token with
  // every call. bench:api goals/get: 0.65 of the baseline with this cache, 0.48 without (CPU 536 vs 781 µs/req).
  const verified = new Map<string, VerifiedToken>();

  function keyObject(source: Uint8Array | string): KeyObject {
    if (cachedKey?.source !== source) {
      cachedKey = { source, key: createSecretKey(typeof source === 'string' ? Buffer.from(source) : source) };
      verified.clear(); // a new key: nothing checked with the old one stands
    }
    return cachedKey.key;
  }

  /** The current key: at once from memory, through the (cached) secret on AWS. */
  function signingKey(): KeyObject | Promise<KeyObject> {
    const source = keySource();
    return typeof source === 'string' || source instanceof Uint8Array
      ? keyObject(source)
      : source.then(keyObject);
  }

  function remember(token: string, claims: VerifiedToken): void {
    if (verified.size >= maxVerified) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  }

  return {
    async sign(user, sessionId) {
      return new SignJWT({ email: user.email, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(tokenIssuer)
        .setAudience(tokenAudience)
        .setIssuedAt()
        .setExpirationTime(`${tokenLifetimeSeconds}s`)
        .sign(await signingKey());
    },

    async verify(token) {
      const key = await signingKey(); // a Secrets Manager failure is a server fault, not a bad token
      const hit = verified.get(token);
      if (hit) {
        if (hit.expiresAt > Date.now()) return hit;
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          issuer: tokenIssuer,
          audience: tokenAudience,
          requiredClaims: ['sub', 'exp'],
        });
        const { sub, email, sid } = payload;
        // Tokens from before sessions existed carry no `sid`: they cannot be ended, so they are not honoured.
        if (typeof sub !== 'string' || typeof email !== 'string' || typeof sid !== 'string') return null;
        const claims: VerifiedToken = {
          user: { id: sub, email },
          sessionId: sid,
          expiresAt: payload.exp! * 1000,
        };
        remember(token, claims);
        return claims;
      } catch {
        return null;
      }
    },
  };
}
