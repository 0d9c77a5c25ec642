import { createTOTPKeyURI, verifyTOTPWithGracePeriod } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import QRCode from 'qrcode';
import { hashToken } from './tokens.ts';

/** TOTP as authenticator apps expect it: 30-second steps, 6 digits, SHA-1. */
const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** Accepts the current code and the one either side, for clocks a little out. */
export const verifyTotp = (key: Uint8Array, code: string) =>
  /^\d{6}$/.test(code) && verifyTOTPWithGracePeriod(key, PERIOD, DIGITS, code, PERIOD);

export async function enrolmentDetails(key: Uint8Array, accountName: string) {
  const uri = createTOTPKeyURI('Casebook', accountName, key, PERIOD, DIGITS);
  return {
    uri,
    secret: encodeBase32UpperCaseNoPadding(key),
    qrCodeDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }),
  };
}

/** Ten codes like `k3p9-x2mq-7hvd`; high entropy, so a plain SHA-256 is a fit hash. */
export function generateRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export const hashRecoveryCode = (code: string) => hashToken(code.trim().toLowerCase().replace(/\s+/g, ''));
