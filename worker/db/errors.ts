/** Whether D1 refused a statement saying `text` (a constraint, a trigger's RAISE), whatever layers wrap its error. */
export function refusedWith(error: unknown, text: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes(text)) return true;
  }
  return false;
}
