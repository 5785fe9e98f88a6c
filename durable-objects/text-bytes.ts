// Byte limits on text (README: frames of 40,960 bytes, message content of 32,768 bytes), measured as UTF-8.

/**
 * Whether `text` takes more than `limit` bytes as UTF-8, as a frame arrives and content is stored, without
 * encoding it: text of more characters than that is over in any case, one of a third as many never (three bytes a
 * UTF-16 unit at most), and only between the two are the bytes counted, stopping once past the limit.
 */
export function overBytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate's half counts 2 of its pair's 4 bytes (a lone one, stored as U+FFFD, 3: close enough at a limit).
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3;
  }
  return bytes > limit;
}
