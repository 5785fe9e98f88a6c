/**
 * D1 binds at most 100 parameters to one statement, so a long list of ids (or of rows to insert) goes in pieces:
 * each caller picks its piece size from how many parameters one item binds and what else its statement binds.
 */

/**
 * `list` in consecutive pieces of at most `size` items, in order (none for an empty list).
 * @example chunks(["a", "b", "c"], 2) // [["a", "b"], ["c"]]
 */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  // A size of 0 (or a fraction) would never advance: a caller's mistake, not an input's.
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a chunk holds at least one item, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
