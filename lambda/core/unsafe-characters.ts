/**
 * Characters a name typed into HR or Heymarket must never carry into what a person reads: C0 and C1
 * controls and DEL (`\p{Cc}`: a terminal runs `ESC [ 1A` as "cursor up", so a name could rewrite the
 * line above it), format characters (`\p{Cf}`: bidirectional overrides U+202A–202E and isolates
 * U+2066–2069 reorder what is shown, zero-width marks hide text), and the Unicode line and paragraph
 * separators U+2028/2029 (`\p{Zl}`, `\p{Zp}`), which break a line in some viewers.
 * See https://unicode.org/reports/tr9/ and https://www.unicode.org/reports/tr36/.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `text` with each unsafe character replaced by `by` (a space in a notice, U+FFFD in the CLI's output). */
export function replaceUnsafe(text: string, by: string): string {
  return text.replace(UNSAFE, by);
}
