/** Where a committed generated file and a fresh generation part, in words; null when they are the same. */
export function firstDifference(committed: string, generated: string): string | null {
  if (committed === generated) return null;
  const a = committed.split("\n");
  const b = generated.split("\n");
  const line = a.findIndex((text, i) => text !== b[i]);
  const n = line === -1 ? a.length : line;
  return `line ${n + 1}: committed ${JSON.stringify(a[n] ?? "(end of file)")}, generated ${JSON.stringify(b[n] ?? "(end of file)")}`;
}
