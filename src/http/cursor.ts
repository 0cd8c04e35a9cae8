import { ValidationError } from '../errors/index.js';

/**
 * Keyset cursors of the paged lists (`after`, given back in a full page's `X-Next-Cursor` header):
 * the sort key of a page's last row as a list of strings, opaque and URL-safe (base64url of JSON).
 */
export function cursorText(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A 400 naming `after`. */
export function invalidCursor(message: string): ValidationError {
  return new ValidationError(`after: ${message}`, { fields: [{ field: 'after', message }] });
}

/**
 * The `length` strings (1–255 characters each) a cursor of `cursorText` holds; a 400 naming `after`
 * when `offset` is given too or the text is no cursor this server gave.
 */
export function cursorParts(text: string, length: number, offset: number): string[] {
  if (offset !== 0) throw invalidCursor('a cursor replaces offset: give one or the other');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  if (!Array.isArray(parts) || parts.length !== length || !parts.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 255)) throw invalidCursor('not a cursor this server gave (the X-Next-Cursor header of a page)');
  return parts as string[];
}
