// PrefLib .soc/.soi/.toc/.toi election files as single-prompt profiles (SPEC §1): counts are weights,
// {a,b} is a tie, unlisted alternatives tie at the bottom.
import { ONE, frac } from '../exact/rational.js';
import { makeProfile, promptFromRanks } from './build.js';
import { InputError } from './errors.js';
import { Profile } from './types.js';

/** PrefLib .soc/.soi/.toc/.toi text → a single-prompt profile. Counts are weights; {a,b} is a tie. */
export function profileFromPrefLib(text: string, where = 'preflib', o: { onProgress?: (done: number, total: number) => void } = {}): Profile {
  const names = new Map<number, string>();
  let declared = -1;
  const votes: { count: number; line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  const oldFormat = lines.length > 0 && /^\s*\d+\s*$/.test(lines[0]) && !lines.some((l) => l.startsWith('#'));
  let i = 0;
  if (oldFormat) {
    declared = Number(lines[0].trim());
    for (i = 1; i <= declared; i++) {
      const m = /^\s*(\d+)\s*,\s*(.*)$/.exec(lines[i] ?? '');
      if (!m) throw new InputError(`${where}: line ${i + 1}: expected "number,name" for an alternative`);
      names.set(Number(m[1]), m[2].trim());
    }
    i++; // "voters,sum,unique" line
  }
  for (; i < lines.length; i++) {
    if (o.onProgress && (i & 0xffff) === 0) o.onProgress(i, lines.length);
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      let m = /^#\s*NUMBER ALTERNATIVES\s*:\s*(\d+)/i.exec(line);
      if (m) declared = Number(m[1]);
      m = /^#\s*ALTERNATIVE NAME (\d+)\s*:\s*(.*)$/i.exec(line);
      if (m) names.set(Number(m[1]), m[2].trim());
      continue;
    }
    const m = oldFormat ? /^(\d+)\s*,\s*(.*)$/.exec(line) : /^(\d+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new InputError(`${where}: line ${i + 1}: expected "count: ranking"`);
    const count = Number(m[1]);
    if (!Number.isSafeInteger(count) || count <= 0) throw new InputError(`${where}: line ${i + 1}: count must be a positive integer`);
    votes.push({ count, line: i + 1, text: m[2] });
  }
  if (declared < 1) throw new InputError(`${where}: no "# NUMBER ALTERNATIVES" header`);
  if (votes.length === 0) throw new InputError(`${where}: no votes`);
  const alt = Array.from({ length: declared }, (_, j) => j + 1);
  const named = alt.map((a) => names.get(a));
  const useNames = named.every((s) => s !== undefined && s !== '') && new Set(named).size === declared;
  const ids = alt.map((a, j) => (useNames ? (named[j] as string) : String(a)));
  return makeProfile([
    {
      weight: ONE,
      prompt: promptFromRanks(
        ids,
        votes.map((v, vi) => ({ weight: frac(v.count), ...rankFromPrefLib(v.text, declared, `${where}: vote ${vi + 1} (line ${v.line})`) })),
        where,
      ),
    },
  ]);
}

/** One PrefLib ranking "3,{1,4},2" → rank per alternative (−1 = unlisted) and the number of tiers; a char scan. */
function rankFromPrefLib(s: string, declared: number, where: string): { rank: Int32Array; listed: number } {
  const rank = new Int32Array(declared).fill(-1);
  let tier = 0;
  let inBrace = false;
  let inTier = 0;
  const L = s.length;
  let i = 0;
  while (i < L) {
    let c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let v = 0;
      while (i < L && c >= 48 && c <= 57) {
        v = v * 10 + c - 48;
        c = s.charCodeAt(++i);
      }
      if (v < 1 || v > declared) throw new InputError(`${where}: alternative ${v} is not in 1..${declared}`);
      if (rank[v - 1] !== -1) throw new InputError(`${where}: alternative ${v} appears twice`);
      rank[v - 1] = tier;
      if (inBrace) inTier++;
      else tier++;
      continue;
    }
    if (c === 123) {
      if (inBrace) throw new InputError(`${where}: nested "{"`);
      inBrace = true;
      inTier = 0;
    } else if (c === 125) {
      if (!inBrace) throw new InputError(`${where}: "}" without "{"`);
      inBrace = false;
      if (inTier > 0) tier++;
    } else if (c !== 44 && c !== 32 && c !== 9) throw new InputError(`${where}: "${s[i]}" is not an alternative number`);
    i++;
  }
  if (inBrace) throw new InputError(`${where}: unclosed "{"`);
  return { rank, listed: tier };
}
