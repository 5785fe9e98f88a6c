/**
 * A D1 database on which another request takes its turn between any two calls, as it may on the real one: a race
 * between a check and a write becomes a test that needs no clock. `between` runs after each statement sent on its
 * own, with that statement's SQL, and writes through the real database; never inside a batch, which D1 runs as one
 * transaction with nothing in between.
 */
export function interleaved(d1: D1Database, between: (sql: string) => Promise<void>): D1Database {
  // The real statement behind each one handed out, for batches: D1 takes only its own.
  const real = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const then = async <T>(result: Promise<T>): Promise<T> => {
      const answer = await result;
      await between(sql);
      return answer;
    };
    const wrapped = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: (column?: string) => then(column === undefined ? statement.first() : statement.first(column)),
      run: () => then(statement.run()),
      all: () => then(statement.all()),
      raw: (options?: { columnNames?: false }) => then(statement.raw(options)),
    } as unknown as D1PreparedStatement;
    real.set(wrapped, statement);
    return wrapped;
  };
  return {
    prepare: (sql: string) => wrap(d1.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => d1.batch(statements.map((s) => real.get(s) ?? s)),
    exec: (sql: string) => d1.exec(sql),
  } as unknown as D1Database;
}

/** A database on which `other` runs once, through the real database, right after the first statement `read` matches. */
export function onceAfter(d1: D1Database, read: RegExp, other: () => Promise<unknown>): D1Database {
  let done = false;
  return interleaved(d1, async (sql) => {
    if (done || !read.test(sql)) return;
    done = true;
    await other();
  });
}
