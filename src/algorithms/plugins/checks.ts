// Plain checks shared by the main thread and the plug-in worker thread (no imports, so the worker
// loads nothing of ualign but this file): the shape of a plug-in module's default export, and the
// limits on an answer before it crosses a thread or process boundary.

/** Largest answer accepted from a plug-in, as JSON text (bytes, estimated for a JS value). */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** Why `v` is not `{ name, description?, align(profile, k) }`, or null when it is. */
export function shapeProblem(v: unknown): string | null {
  const o = v as { name?: unknown; align?: unknown; description?: unknown } | null;
  if (typeof o !== 'object' || o === null) return 'the default export must be { name, align(profile, k) }';
  if (typeof o.name !== 'string' || o.name === '') return 'the default export needs a non-empty string "name"';
  if (typeof o.align !== 'function') return 'the default export needs a function "align(profile, k)"';
  if (o.description !== undefined && typeof o.description !== 'string') return '"description" must be a string';
  return null;
}

const tooLarge = (maxBytes: number): string => `the answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB as JSON`;

/**
 * Why a JS value is not plain JSON data of at most `maxBytes` (objects, arrays, strings, numbers —
 * NaN and ±Infinity included, the reader names them — booleans, null; no cycles), or null.
 * Walks iteratively and stops as soon as the budget is spent.
 */
export function answerProblem(v: unknown, maxBytes = MAX_ANSWER_BYTES): string | null {
  let bytes = 0;
  const onPath = new Set<object>();
  // Depth-first with explicit exit markers so that shared (non-cyclic) references are allowed.
  const stack: { v: unknown; exit?: object }[] = [{ v }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.exit !== undefined) {
      onPath.delete(top.exit);
      continue;
    }
    const x = top.v;
    if (x === null || typeof x === 'boolean') bytes += 5;
    else if (typeof x === 'number') bytes += 24;
    else if (typeof x === 'string') bytes += x.length + 2;
    else if (typeof x === 'object') {
      if (onPath.has(x)) return 'the answer is not JSON data (it contains a cycle)';
      const proto = Object.getPrototypeOf(x) as unknown;
      if (!Array.isArray(x) && proto !== Object.prototype && proto !== null)
        return `the answer is not JSON data (it contains a ${(x as object).constructor?.name ?? 'non-plain'} object)`;
      const keys = Array.isArray(x) ? null : Object.keys(x);
      bytes += 2 + (keys ?? (x as unknown[])).length;
      if (bytes > maxBytes) return tooLarge(maxBytes);
      onPath.add(x);
      stack.push({ v: null, exit: x });
      if (keys === null) for (let i = (x as unknown[]).length - 1; i >= 0; i--) stack.push({ v: (x as unknown[])[i] });
      else
        for (const key of keys) {
          bytes += key.length + 3;
          stack.push({ v: (x as Record<string, unknown>)[key] });
        }
    } else return `the answer is not JSON data (it contains a value of type ${typeof x})`;
    if (bytes > maxBytes) return tooLarge(maxBytes);
  }
  return null;
}
