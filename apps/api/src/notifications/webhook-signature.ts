import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries a webhook body's signature: `sha256=` and the hex HMAC of the raw body. */
export const SIGNATURE_HEADER = 'x-rapport-signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute the HMAC over the bytes received and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
