// I1 exact, strict inputs (a claim on the harness itself; SPEC §1's objects in the JSON formats the README gives).
// Compares: what the readers of a user's files build (parseJson → profileFromJson, the one-pass reader
// rankingProfileFromText, modelFromJson; then codec.ts's writers and the readers once more) and structure.ts's
// predicates on it, against an independent reading of the same JSON written here (its own number parser;
// weights divided by their sum, ranks from tiers, outcomes merged, the structure by definition; no build.ts,
// structure.ts or rational.ts parser or normaliser: its rationals are fraction.js's own, reduced by fraction.js's
// gcd, so numbers of a thousand bits and more — which rational.ts reduces with its own Lehmer gcd — are checked
// against an independent reduction); and the InputError of a one-edit corruption against the JSON path and
// problem the generator predicted when it made the edit.
import fc from 'fast-check';
import { Fraction, ONE, ZERO, frac, lcm } from '../exact/rational.js';
import { modelFromJson, modelToJson, profileFromJson, profileToJson, rankingProfileFromText } from '../model/codec.js';
import { InputError } from '../model/errors.js';
import { parseJson } from '../model/json.js';
import { PathSeg, isObject, jsonPath } from '../model/schema.js';
import { cloneClasses, hasLuce, isImpartialCulture, isStrict, isUnanimous, tierCount, unanimousTop } from '../model/structure.js';
import { Model, Profile, UserType } from '../model/types.js';
import { policyFromRecord, policyRecordArb } from '../instances/policies.js';
import { kArb } from '../instances/sizes.js';
import { profileArbFor } from './instances.js';
import { field } from './json.js';
import { InstanceSize, defineClaim, holds, minRat, verdict } from './types.js';

type Json = unknown;
type Obj = Record<string, Json>;

/** A profile file and a model file as written, and one edit to make to a copy of them. */
export interface I1Instance {
  /** {responses, users}, or {prompts: [{weight, responses, users}]} (always for several prompts). */
  readonly profile: Json;
  /** A policy, k-output model or mixture; {prompts: [...]} per prompt (always for several prompts). */
  readonly model: Json;
  /** EDITS[kind] (the next one that applies, cyclically) at position `at`. */
  readonly edit: { readonly kind: number; readonly at: number };
  /** The model file holds float probabilities, read with `floats` (as `ualign check` reads answers). */
  readonly floats: boolean;
}

/** A read as text: the exact view's JSON, or the error's class and message. */
type Read = string;

export interface I1Evidence {
  /** The independent reading of the two files (views as JSON text). */
  readonly expected: { readonly profile: string; readonly model: string };
  readonly read: {
    readonly profile: Read;
    /** The one-pass reader: null when it declined the text. */
    readonly onePass: Read | null;
    readonly model: Read;
    /** The objects read, written by codec.ts's writers and read again. */
    readonly rewritten: { readonly profile: Read; readonly model: Read };
  };
  readonly edit: {
    readonly name: string;
    readonly file: 'profile' | 'model';
    /** The message's expected start: "<file>: <JSON path>: ", or "<file>: " when the problem has no path. */
    readonly prefix: string;
    readonly problem: string;
    readonly refusal: Read;
    /** The one-pass reader on an edited profile file (null: declined, as it must). */
    readonly onePass: Read | null;
  };
}

const PROFILE_FILE = 'profile.json';
const MODEL_FILE = 'model.json';

// ---- the independent reading ----

/** A double's exact value: doubled until it is an integer (each doubling is exact). */
export function oracleDouble(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`I1's oracle: ${x} is not a finite number`);
  let v = x;
  let d = 1n;
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return new Fraction(BigInt(v), d);
}

/** An exact number as the README's formats write it: a safe integer, "p/q", or a decimal with an optional exponent. */
export function oracleNumber(v: Json): Fraction {
  if (typeof v === 'number') return Number.isInteger(v) ? new Fraction(BigInt(v)) : oracleDouble(v);
  const s = String(v).trim();
  const slash = s.indexOf('/');
  if (slash >= 0) return new Fraction(BigInt(s.slice(0, slash).trim()), BigInt(s.slice(slash + 1).trim()));
  const [mant, exp = '0'] = s.toLowerCase().split('e');
  const [ip, fp = ''] = mant.split('.');
  const digits = BigInt(ip.replace(/^[+-]/, '') + fp);
  const e = Number(exp) - fp.length;
  const x = e >= 0 ? new Fraction(digits * 10n ** BigInt(e)) : new Fraction(digits, 10n ** BigInt(-e));
  return ip.startsWith('-') ? x.neg() : x;
}

const q = (x: Fraction): string => x.toFraction();
/** Σ xs by fraction.js's own addition (not rational.ts's sumOf, which the readers use). */
const sumFj = (xs: readonly Fraction[]): Fraction => xs.reduce((a, x) => a.add(x), new Fraction(0));
const normalised = (ws: readonly Fraction[]): string[] => {
  const s = sumFj(ws);
  return ws.map((w) => q(w.div(s)));
};

interface UserView {
  readonly weight: string;
  readonly rank?: number[];
  readonly numTiers?: number;
  readonly tiers?: number[][];
  readonly strengths?: string[];
  readonly ints?: string;
}
/** What the claims and kernels ask of a prompt's structure (structure.ts): SPEC T3's unanimity and impartial culture, clones. */
interface StructureView {
  readonly luce: boolean;
  readonly strict: boolean;
  readonly unanimous: boolean;
  /** The top response of a unanimous prompt (Luce types: the first of the strongest); null otherwise. */
  readonly top: number | null;
  readonly impartialCulture: boolean;
  readonly clones: number[][];
  readonly tierCount: number;
}
interface PromptView {
  readonly weight: string;
  readonly responses: string[];
  readonly users: UserView[];
  readonly structure: StructureView;
}

const promptsOf = (p: Json): Obj[] => (isObject(p) && 'prompts' in p ? (p.prompts as Obj[]) : [p as Obj]);

/** A model file holds one model per prompt ({"prompts": [...]}) unless a response is named "prompts" (codec.ts's rule). */
const modelWrapped = (model: Json, profile: Json): boolean => isObject(model) && 'prompts' in model && !(promptsOf(profile)[0].responses as string[]).includes('prompts');

/** The structure by definition, from the ranks and strengths read here. */
function expectedStructure(n: number, users: readonly UserView[]): StructureView {
  const rankings = users.filter((u) => u.rank !== undefined);
  const luces = users.filter((u) => u.strengths !== undefined).map((u) => u.strengths!.map((v) => oracleNumber(v)));
  const distinct = (r: readonly number[]): boolean => new Set(r).size === n;
  const strict = luces.length === 0 && rankings.every((u) => distinct(u.rank!));
  const sameRank = strict && rankings.every((u) => u.rank!.join() === rankings[0].rank!.join());
  // Luce types with the same strengths up to scale: s_i(y)·s_0(0) = s_0(y)·s_i(0)
  const sameStrengths = rankings.length === 0 && luces.every((s) => s.every((v, y) => v.mul(luces[0][0]).equals(luces[0][y].mul(s[0]))));
  const unanimous = sameRank || sameStrengths;
  let top: number | null = null;
  if (sameRank) top = rankings[0].rank!.indexOf(0);
  else if (sameStrengths) top = luces[0].findIndex((v) => luces[0].every((w) => !w.gt(v)));
  let fact = 1;
  for (let i = 2; i <= n; i++) fact *= i;
  const weightOf = new Map<string, Fraction>();
  for (const u of rankings) weightOf.set(u.rank!.join(), (weightOf.get(u.rank!.join()) ?? ZERO).add(oracleNumber(u.weight)));
  const ws = [...weightOf.values()];
  const classes = new Map<string, number[]>();
  for (let y = 0; y < n; y++) {
    const key = users.map((u) => (u.rank !== undefined ? `r${u.rank[y]}` : `s${oracleNumber(u.strengths![y]).div(oracleNumber(u.strengths![0])).toFraction()}`)).join();
    classes.set(key, [...(classes.get(key) ?? []), y]);
  }
  return {
    luce: luces.length > 0,
    strict,
    unanimous,
    top,
    impartialCulture: strict && weightOf.size === fact && ws.every((w) => w.equals(ws[0])),
    clones: [...classes.values()],
    tierCount: users.reduce((a, u) => a + (u.numTiers ?? n), 0),
  };
}

function expectedProfile(profile: Json): PromptView[] {
  const prompts = promptsOf(profile);
  const pw = normalised(prompts.map((p) => (p.weight === undefined ? new Fraction(1) : oracleNumber(p.weight))));
  return prompts.map((p, x) => {
    const responses = p.responses as string[];
    const users = p.users as Obj[];
    const uw = normalised(users.map((u) => oracleNumber(u.weight)));
    const at = (id: string): number => responses.indexOf(id);
    const views = users.map((u, i): UserView => {
        if ('strengths' in u) {
          const s = u.strengths as Obj;
          return { weight: uw[i], strengths: responses.map((id) => q(oracleNumber(s[id]))), ints: 'proportional' };
        }
        const tiers = (u.ranking as (string | string[])[]).map((t) => (typeof t === 'string' ? [t] : t).map(at).sort((a, b) => a - b));
        const rank = responses.map((_, y) => {
          const t = tiers.findIndex((tier) => tier.includes(y));
          return t < 0 ? tiers.length : t;
        });
        return { weight: uw[i], rank, numTiers: tiers.length + (rank.includes(tiers.length) ? 1 : 0), tiers };
    });
    return { weight: pw[x], responses: [...responses], users: views, structure: expectedStructure(responses.length, views) };
  });
}

/** ints must be coprime positive integers with scale·ints = strengths (SPEC §4b). */
export function intsProblem(u: Extract<UserType, { kind: 'luce' }>): string {
  const euclid = (a: number, b: number): number => (b === 0 ? a : euclid(b, a % b));
  const notCoprime = `ints ${u.ints.join(',')} are not coprime positive integers`;
  if (u.ints.some((v) => !Number.isInteger(v) || v < 1)) return notCoprime;
  if (u.ints.reduce(euclid, 0) !== 1) return notCoprime;
  const bad = u.strengths.findIndex((s, y) => !u.scale.mul(u.ints[y]).equals(s));
  return bad < 0 ? 'proportional' : `scale·ints ≠ strengths at response ${bad}`;
}

export function profileView(pr: Profile): PromptView[] {
  return pr.prompts.map(({ weight, prompt }) => ({
    weight: q(weight),
    responses: prompt.responses.map((id, y) => (prompt.index.get(id) === y ? id : `${id} (indexed ${String(prompt.index.get(id))})`)),
    users: prompt.users.map((u): UserView => {
      if (u.kind === 'luce') return { weight: q(u.weight), strengths: u.strengths.map(q), ints: intsProblem(u) };
      return { weight: q(u.weight), rank: Array.from(u.rank), numTiers: u.numTiers, tiers: u.tiers.map((t) => [...t]) };
    }),
    structure: {
      luce: hasLuce(prompt),
      strict: isStrict(prompt),
      unanimous: isUnanimous(prompt),
      top: isUnanimous(prompt) ? unanimousTop(prompt) : null,
      impartialCulture: isImpartialCulture(prompt),
      clones: cloneClasses(prompt),
      tierCount: tierCount(prompt),
    },
  }));
}

/** A model per prompt: a policy's probabilities; k and the merged outcomes "items|prob", sorted; k and the parts. */
type ModelView = { kind: string; k: number | null; prompts: string[][] };

/** A probability vector as read: with floats among the values, divided by its exact sum (the sum is within 1e-9 of 1). */
function distribution(values: readonly Json[], floats: boolean): Fraction[] {
  const xs = values.map(oracleNumber);
  const s = sumFj(xs);
  return floats && values.some((v) => typeof v === 'number' && !Number.isInteger(v)) ? xs.map((x) => x.div(s)) : xs;
}

function expectedModel(model: Json, profile: Json, floats = false): ModelView {
  const prompts = promptsOf(profile);
  const items = modelWrapped(model, profile) ? ((model as Obj).prompts as Json[]) : [model];
  const policy = (o: Obj, responses: string[]): string[] => {
    const ps = distribution(Object.values(o), floats);
    const ids = Object.keys(o);
    return responses.map((id) => q(ids.includes(id) ? ps[ids.indexOf(id)] : ZERO));
  };
  const first = items[0] as Obj;
  const kind = first.kind === 'k-output' || first.kind === 'mixture' ? first.kind : 'policy';
  let k: number | null = null;
  const views = items.map((m, x) => {
    const responses = prompts[x].responses as string[];
    const o = m as Obj;
    if (kind === 'policy') return policy(o, responses);
    if (kind === 'mixture') {
      k = (o.k as number | undefined) ?? null;
      const parts = o.parts as Obj[];
      const ws = distribution(
        parts.map((p) => p.weight),
        floats,
      );
      return parts.map((p, t) => `${q(ws[t])}|${policy(p.policy as Obj, responses).join(',')}`);
    }
    const merged = new Map<string, Fraction>();
    const outs = o.outcomes as Obj[];
    const ps = distribution(
      outs.map((oc) => oc.prob),
      floats,
    );
    outs.forEach((oc, i) => {
      const ys = (oc.responses as string[]).map((id) => responses.indexOf(id)).sort((a, b) => a - b);
      k = ys.length;
      const key = ys.join(',');
      merged.set(key, (merged.get(key) ?? ZERO).add(ps[i]));
    });
    return [...merged].filter(([, p]) => !p.equals(ZERO)).map(([key, p]) => `${key}|${q(p)}`).sort();
  });
  return { kind, k, prompts: views };
}

function modelView(m: Model): ModelView {
  if (m.kind === 'policy') return { kind: 'policy', k: null, prompts: m.perPrompt.map((p) => p.map(q)) };
  if (m.kind === 'mixture') return { kind: 'mixture', k: m.k ?? null, prompts: m.perPrompt.map((parts) => parts.map((p) => `${q(p.weight)}|${p.probs.map(q).join(',')}`)) };
  return { kind: 'k-output', k: m.k, prompts: m.perPrompt.map((outs) => outs.map((o) => `${o.items.join(',')}|${q(o.prob)}`).sort()) };
}

/** A reader's result as text: the view, or "<Error class>: <message>". */
function attempt<T>(f: () => T, view: (t: T) => unknown): Read {
  try {
    return JSON.stringify(view(f()));
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`;
  }
}

// ---- the edits: each corrupts one place of a copy and says where and what the reader must say ----

interface Draft {
  readonly floats: boolean;
  readonly profile: Obj;
  readonly model: Obj;
  /** Prompt x of the profile, and its JSON path. */
  readonly prompt: (x: number) => { readonly o: Obj; readonly base: PathSeg[] };
  readonly prompts: number;
  /** Prompt x's model, and its JSON path. */
  readonly modelOf: (x: number) => { readonly o: Obj; readonly base: PathSeg[] };
}

interface Edited {
  readonly file: 'profile' | 'model';
  readonly path: PathSeg[] | null;
  readonly problem: string;
  /** The edited file as text, when the edit is to the text itself. */
  readonly text?: string;
}

type Edit = (d: Draft, at: number) => Edited | null;

/** The first user (from `at`, over every prompt) that satisfies `ok`. */
function pickUser(d: Draft, at: number, ok: (u: Obj) => boolean): { u: Obj; path: PathSeg[]; p: Obj } | null {
  for (let i = 0; i < d.prompts; i++) {
    const { o: p, base } = d.prompt((at + i) % d.prompts);
    const users = p.users as Obj[];
    for (let j = 0; j < users.length; j++) {
      const ui = (at + j) % users.length;
      if (ok(users[ui])) return { u: users[ui], path: [...base, 'users', ui], p };
    }
  }
  return null;
}

const ranked = (u: Obj): boolean => 'ranking' in u;
const tiered = (u: Obj): boolean => ranked(u) && (u.ranking as unknown[]).length > 0;
const luce = (u: Obj): boolean => 'strengths' in u;
const tierList = (u: Obj): string[][] => {
  const r = (u.ranking as (string | string[])[]).map((t) => (typeof t === 'string' ? [t] : t));
  u.ranking = r;
  return r;
};

function userEdit(ok: (u: Obj) => boolean, edit: (u: Obj, path: PathSeg[], p: Obj, at: number) => Edited): Edit {
  return (d, at) => {
    const hit = pickUser(d, at, ok);
    return hit === null ? null : edit(hit.u, hit.path, hit.p, at);
  };
}

const weightTo = (value: Json, problem: string): Edit =>
  userEdit(
    () => true,
    (u, path) => ((u.weight = value), { file: 'profile', path: [...path, 'weight'], problem }),
  );

/** A model part that holds probabilities by response id: a policy, or a mixture part's policy. */
function policyAt(d: Draft, x: number, at: number): { o: Obj; base: PathSeg[] } | null {
  const { o, base } = d.modelOf(x);
  if (o.kind === 'k-output') return null;
  if (o.kind === 'mixture') {
    const parts = o.parts as Obj[];
    const i = at % parts.length;
    return { o: parts[i].policy as Obj, base: [...base, 'parts', i, 'policy'] };
  }
  return { o, base };
}

/** One value of a probability vector of the model changed by `bump`; refused at the vector's path. */
function sumEdit(bump: (v: Json) => Json, problem: (what: string) => string): Edit {
  return (d, at) => {
    const { o, base } = d.modelOf(at % d.prompts);
    if (o.kind === 'k-output') {
      const oc = (o.outcomes as Obj[])[0];
      oc.prob = bump(oc.prob);
      return { file: 'model', path: [...base, 'outcomes'], problem: problem('probabilities') };
    }
    if (o.kind === 'mixture') {
      const part = (o.parts as Obj[])[0];
      part.weight = bump(part.weight);
      return { file: 'model', path: [...base, 'parts'], problem: problem('part weights') };
    }
    const id = Object.keys(o)[at % Object.keys(o).length];
    o[id] = bump(o[id]);
    return { file: 'model', path: base, problem: problem('probabilities') };
  };
}

export const EDITS: readonly { readonly name: string; readonly edit: Edit }[] = [
  {
    name: 'misspelt key',
    edit: userEdit(
      () => true,
      (u, path) => {
        u.wieght = u.weight;
        delete u.weight;
        return { file: 'profile', path, problem: 'unknown key "wieght" (did you mean "weight"?)' };
      },
    ),
  },
  {
    name: 'unknown key',
    edit: (d, at) => {
      const { o, base } = d.prompt(at % d.prompts);
      o.note = 'x';
      return { file: 'profile', path: base, problem: 'unknown key "note"' };
    },
  },
  {
    name: 'missing key',
    edit: (d, at) => {
      const { o, base } = d.prompt(at % d.prompts);
      delete o.responses;
      return { file: 'profile', path: base, problem: 'missing key "responses"' };
    },
  },
  { name: 'zero weight', edit: weightTo('0', 'a weight must be positive, got "0"') },
  { name: 'negative weight', edit: weightTo('-1/2', 'a weight must be positive, got "-1/2"') },
  { name: 'zero denominator', edit: weightTo('3/0', '"3/0" has a zero denominator') },
  { name: 'not a number', edit: weightTo('two', 'expected an exact number') },
  { name: 'inexact JSON number', edit: weightTo(0.5, 'the number 0.5 is not a safe integer') },
  {
    name: 'unknown response in a ranking',
    edit: userEdit(tiered, (u, path, _p, at) => {
      const tiers = tierList(u);
      const t = at % tiers.length;
      tiers[t].push('zz');
      return { file: 'profile', path: [...path, 'ranking', t], problem: 'unknown response "zz"' };
    }),
  },
  {
    name: 'duplicate response',
    edit: (d, at) => {
      const { o, base } = d.prompt(at % d.prompts);
      const r = o.responses as string[];
      const id = r[at % r.length];
      r.push(id);
      return { file: 'profile', path: [...base, 'responses', r.length - 1], problem: `duplicate response ${JSON.stringify(id)} in responses` };
    },
  },
  {
    name: 'response ranked twice',
    edit: userEdit(tiered, (u, path) => {
      const tiers = tierList(u);
      const t = tiers.length - 1;
      tiers[t].push(tiers[0][0]);
      return { file: 'profile', path: [...path, 'ranking', t], problem: `duplicate response ${JSON.stringify(tiers[0][0])} in the ranking` };
    }),
  },
  {
    name: 'empty tier',
    edit: userEdit(ranked, (u, path) => {
      const tiers = tierList(u);
      tiers.push([]);
      return { file: 'profile', path: [...path, 'ranking', tiers.length - 1], problem: 'an empty tier' };
    }),
  },
  {
    name: 'no users',
    edit: (d, at) => {
      const { o, base } = d.prompt(at % d.prompts);
      o.users = [];
      return { file: 'profile', path: [...base, 'users'], problem: 'no users' };
    },
  },
  {
    name: 'missing strength',
    edit: userEdit(luce, (u, path, p, at) => {
      const r = p.responses as string[];
      const id = r[at % r.length];
      delete (u.strengths as Obj)[id];
      return { file: 'profile', path: [...path, 'strengths'], problem: `no strength for response ${JSON.stringify(id)}` };
    }),
  },
  {
    name: 'zero strength',
    edit: userEdit(luce, (u, path, p, at) => {
      const r = p.responses as string[];
      const id = r[at % r.length];
      (u.strengths as Obj)[id] = '0';
      return { file: 'profile', path: [...path, 'strengths', id], problem: 'strength must be positive, got "0"' };
    }),
  },
  {
    name: 'ranking and strengths',
    edit: userEdit(luce, (u, path, p) => {
      u.ranking = [[(p.responses as string[])[0]]];
      return { file: 'profile', path, problem: 'has both "ranking" and "strengths"' };
    }),
  },
  {
    name: 'neither ranking nor strengths',
    edit: userEdit(
      () => true,
      (u, path) => {
        delete u.ranking;
        delete u.strengths;
        return { file: 'profile', path, problem: 'needs "ranking" (a weak order) or "strengths" (a Luce type)' };
      },
    ),
  },
  {
    name: 'zero prompt weight',
    edit: (d, at) => {
      if (!('prompts' in d.profile)) return null;
      const x = at % d.prompts;
      d.prompt(x).o.weight = '0';
      return { file: 'profile', path: ['prompts', x, 'weight'], problem: 'a weight must be positive, got "0"' };
    },
  },
  {
    name: 'malformed JSON',
    edit: (d) => ({ file: 'profile', path: null, problem: 'malformed JSON at line 1', text: JSON.stringify(d.profile).slice(0, -1) }),
  },
  {
    name: 'duplicate key',
    edit: (d) => {
      const text = JSON.stringify(d.profile).replace('"users":', '"users":[],"users":');
      return { file: 'profile', path: [...d.prompt(0).base, 'users'], problem: 'duplicate key', text };
    },
  },
  {
    name: 'unknown response in a model',
    edit: (d, at) => {
      const x = at % d.prompts;
      const pol = policyAt(d, x, at);
      if (pol !== null) {
        pol.o.zz = '0';
        return { file: 'model', path: [...pol.base, 'zz'], problem: 'unknown response "zz"' };
      }
      const { o, base } = d.modelOf(x);
      const outs = o.outcomes as Obj[];
      const i = at % outs.length;
      const rs = outs[i].responses as string[];
      const j = at % rs.length;
      rs[j] = 'zz';
      return { file: 'model', path: [...base, 'outcomes', i, 'responses', j], problem: 'unknown response "zz"' };
    },
  },
  {
    name: 'probabilities not summing to 1',
    edit: sumEdit((v) => q(oracleNumber(v).add(1)), (what) => `${what} sum to `),
  },
  {
    name: 'float probabilities further than 1e-9 from 1',
    edit: (d, at) => (d.floats ? sumEdit((v) => (typeof v === 'number' ? v + 1e-6 : v), () => 'further than 1e-9 from 1')(d, at) : null),
  },
  {
    name: 'negative probability',
    edit: (d, at) => {
      const x = at % d.prompts;
      const pol = policyAt(d, x, at);
      if (pol === null) return null;
      const id = Object.keys(pol.o)[at % Object.keys(pol.o).length];
      pol.o[id] = '-1';
      return { file: 'model', path: [...pol.base, id], problem: 'a probability must not be negative, got "-1"' };
    },
  },
  {
    name: 'misspelt model kind',
    edit: (d, at) => {
      const { o, base } = d.modelOf(at % d.prompts);
      if (o.kind === undefined) return null;
      o.kind = o.kind === 'mixture' ? 'mixtur' : 'k-ouput';
      return { file: 'model', path: [...base, 'kind'], problem: `unknown model kind "${String(o.kind)}" (did you mean ` };
    },
  },
  {
    name: 'outcome of another size',
    edit: (d, at) => {
      const { o, base } = d.modelOf(at % d.prompts);
      if (o.kind !== 'k-output') return null;
      const outs = o.outcomes as Obj[];
      const i = outs.length - 1;
      if (i === 0 && o.k === undefined) return null;
      const rs = outs[i].responses as string[];
      rs.push(rs[0]);
      return { file: 'model', path: [...base, 'outcomes', i, 'responses'], problem: `has ${rs.length} responses, ` };
    },
  },
  {
    name: 'models for another number of prompts',
    edit: (d) => {
      if (!('prompts' in d.model)) return null;
      const ms = d.model.prompts as Json[];
      ms.push(ms[0]);
      return { file: 'model', path: ['prompts'], problem: `${ms.length} prompt models for a profile with ${d.prompts} prompts` };
    },
  },
  {
    name: 'misspelt model key',
    edit: (d, at) => {
      const { o, base } = d.modelOf(at % d.prompts);
      if (o.kind === undefined) return null;
      const key = o.kind === 'mixture' ? 'parts' : 'outcomes';
      o[key.slice(0, -1)] = o[key];
      delete o[key];
      return { file: 'model', path: base, problem: `unknown key "${key.slice(0, -1)}" (did you mean "${key}"?)` };
    },
  },
  { name: 'negative decimal weight', edit: weightTo('-0.25', 'a weight must be positive, got "-0.25"') },
  { name: 'decimal too large to read', edit: weightTo('1e100001', '"1e100001" is too large to read exactly') },
  { name: 'exponent too large to read', edit: weightTo('2.5e-1234567890', '"2.5e-1234567890" has an exponent too large to read') },
];

function draftOf(i: I1Instance): Draft {
  const profile = structuredClone(i.profile) as Obj;
  const model = structuredClone(i.model) as Obj;
  const pw = 'prompts' in profile;
  const mw = modelWrapped(i.model, i.profile);
  return {
    floats: i.floats,
    profile,
    model,
    prompts: promptsOf(profile).length,
    prompt: (x) => (pw ? { o: (profile.prompts as Obj[])[x], base: ['prompts', x] } : { o: profile, base: [] }),
    modelOf: (x) => (mw ? { o: (model.prompts as Obj[])[x], base: ['prompts', x] } : { o: model, base: [] }),
  };
}

/** The edit an instance makes: EDITS[kind], or the next that applies. */
export function editOf(i: I1Instance): { name: string; draft: Draft; edited: Edited } {
  for (let j = 0; j < EDITS.length; j++) {
    const e = EDITS[(i.edit.kind + j) % EDITS.length];
    const draft = draftOf(i);
    const edited = e.edit(draft, i.edit.at);
    if (edited !== null) return { name: e.name, draft, edited };
  }
  throw new Error('I1: no edit applies'); // 'unknown key' applies to every profile
}

/** The one-pass reader's domain: one prompt of ranking types, not wrapped in {prompts}. */
const onePassReads = (profile: Json): boolean => isObject(profile) && !('prompts' in profile) && (profile.users as Obj[]).every(ranked);

function readProfile(text: string): Profile {
  return profileFromJson(parseJson(text, PROFILE_FILE), PROFILE_FILE);
}

/** A model file; with floats, as an algorithm's answer is read (JSON.parse keeps the doubles, parseJson refuses them). */
function readModel(text: string, profile: Profile, floats = false): Model {
  return modelFromJson(floats ? (JSON.parse(text) as unknown) : parseJson(text, MODEL_FILE), profile, MODEL_FILE, { floats });
}

// ---- writing: the generator's profile and model in the README's formats, numbers in several forms ----

interface Layout {
  /** 0: "p/q" as normalised; 1: integers (JSON numbers or strings); 2: decimals; 3: decimals with an exponent. */
  readonly form: number;
  /** Scale factor of a prompt's weights (ratios are what count) and of Luce strengths. */
  readonly c: number;
  /** Decimal places of forms 2 and 3. */
  readonly j: number;
  /** Weights and strengths also times HUGE[huge]: "p/q" of about 1,100 bits, reduced by rational.ts's Lehmer gcd. */
  readonly huge: number;
  /** Integers as JSON numbers. */
  readonly numbers: boolean;
  /** One-response tiers as a bare string. */
  readonly bare: boolean;
  /** Unlisted responses written as an explicit bottom tier. */
  readonly bottom: boolean;
  /** Wrap a single prompt (and its model) in {prompts: [...]}. */
  readonly wrap: boolean;
  /** Response ids: 0 letters, 1 with a space, 2 digits first (JSON paths quote them). */
  readonly ids: number;
  /** Rotation of the ids inside a tier. */
  readonly rot: number;
}

/** x as a decimal when its denominator divides 10^12: "d.ddd", or "dddde-m" (style 3). */
function decimal(x: Fraction, style: number): string | null {
  let m = 0;
  while (m <= 12 && (10n ** BigInt(m)) % x.d !== 0n) m++;
  if (m > 12) return null;
  const n = (x.n * 10n ** BigInt(m)) / x.d;
  const sign = x.s < 0n ? '-' : '';
  if (style === 3) return `${sign}${n}e-${m}`;
  const digits = n.toString().padStart(m + 1, '0');
  return m === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -m)}.${digits.slice(-m)}`;
}

function writeNumber(x: Fraction, l: Layout): Json {
  if (l.form < 0) return x.valueOf(); // floats
  if (l.form >= 2) {
    const s = decimal(x, l.form);
    if (s !== null) return s;
  }
  if (x.d === 1n && l.numbers && x.n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(x.s * x.n);
  return q(x);
}

/**
 * Scale factors past 2^1024 (where frac reduces by Lehmer's gcd): odd numerator and denominator (Lehmer's main
 * loop), a power of two below (one small odd part: the gcd's shortcut), and an integer (integers as long strings).
 */
const HUGE: readonly Fraction[] = [ONE, new Fraction(3n ** 700n, 5n ** 500n), new Fraction(3n ** 700n, 1n << 1100n), new Fraction(3n ** 700n)];

/** Weights scaled for the form: integers (forms 1–3: L·c, forms 2–3 then / 10^j), then times HUGE[huge]. */
function scaled(ws: readonly Fraction[], l: Layout): Fraction[] {
  if (l.form === 0) return ws.map((w) => w.mul(HUGE[l.huge]));
  let L = 1n;
  for (const w of ws) L = lcm(L, w.d);
  const f = frac(L * BigInt(l.c), l.form === 1 ? 1n : 10n ** BigInt(l.j));
  return ws.map((w) => w.mul(f).mul(HUGE[l.huge]));
}

const idOf = (id: string, y: number, l: Layout): string => (l.ids === 1 ? `${id} ${y}` : l.ids === 2 ? `${y}${id}` : id);

function writeProfile(pr: Profile, l: Layout): { json: Json; ids: string[][] } {
  const ids = pr.prompts.map(({ prompt }) => prompt.responses.map((id, y) => idOf(id, y, l)));
  const pws = scaled(
    pr.prompts.map((p) => p.weight),
    l,
  );
  const prompts = pr.prompts.map(({ prompt }, x) => {
    const ws = scaled(
      prompt.users.map((u) => u.weight),
      l,
    );
    const users = prompt.users.map((u, i) => {
      if (u.kind === 'luce') return { weight: writeNumber(ws[i], l), strengths: Object.fromEntries(u.strengths.map((s, y) => [ids[x][y], writeNumber(s.mul(l.c).mul(HUGE[l.huge]), l)])) };
      const tiers: Json[] = u.tiers.map((t) => {
        const names = t.map((y) => ids[x][y]);
        const r = l.rot % names.length;
        const rotated = [...names.slice(r), ...names.slice(0, r)];
        return l.bare && rotated.length === 1 ? rotated[0] : rotated;
      });
      const unlisted = ids[x].filter((_, y) => u.rank[y] === u.tiers.length);
      if (l.bottom && unlisted.length > 0) tiers.push(unlisted);
      return { weight: writeNumber(ws[i], l), ranking: tiers };
    });
    return { responses: ids[x], users };
  });
  if (prompts.length === 1 && !l.wrap) return { json: prompts[0], ids };
  return { json: { prompts: prompts.map((p, x) => ({ weight: writeNumber(pws[x], l), ...p })) }, ids };
}

interface ModelRecord {
  /** 0 policy, 1 k-output, 2 mixture. */
  readonly kind: number;
  /** Probabilities as JS numbers (the nearest doubles), read with `floats`. */
  readonly floats: boolean;
  readonly k: number;
  readonly statesK: boolean;
  readonly policies: readonly { weights: number[]; point: number }[];
  readonly outcomes: readonly { readonly items: readonly number[]; readonly w: number }[];
}

function writeModel(r: ModelRecord, pr: Profile, ids: string[][], layout: Layout): Json {
  const l = r.floats ? { ...layout, form: -1 } : layout;
  const policy = (x: number, t: number): Obj => {
    const probs = policyFromRecord(r.policies[t % r.policies.length], ids[x].length);
    return Object.fromEntries(probs.flatMap((p, y) => (p.equals(ZERO) && !l.bottom ? [] : [[ids[x][y], writeNumber(p, l)]])));
  };
  const total = r.outcomes.reduce((s, o) => s + o.w, 0);
  const one = (x: number): Json => {
    if (r.kind === 0) return policy(x, x);
    if (r.kind === 1)
      return {
        kind: 'k-output',
        ...(r.statesK ? { k: r.k } : {}),
        outcomes: r.outcomes.map((o) => ({ responses: o.items.slice(0, r.k).map((y) => ids[x][y % ids[x].length]), prob: writeNumber(frac(o.w, total), l) })),
      };
    return { kind: 'mixture', ...(r.statesK ? { k: r.k } : {}), parts: r.outcomes.map((o, t) => ({ weight: writeNumber(frac(o.w, total), l), policy: policy(x, x + t) })) };
  };
  if (pr.prompts.length === 1 && !l.wrap) return one(0);
  return { prompts: pr.prompts.map((_, x) => one(x)) };
}

function shownProfile(file: Json): Json {
  try {
    return profileToJson(readProfile(JSON.stringify(file)));
  } catch {
    return file;
  }
}

const K_MAX = 8;

export function i1Arb(o: { maxResponses?: number; maxK?: number } = {}): fc.Arbitrary<I1Instance> {
  const maxN = o.maxResponses ?? 5;
  const maxK = o.maxK ?? K_MAX;
  return fc
    .record({
      // one prompt (the one-pass reader's domain when every type ranks) or up to three
      profile: fc.oneof({ withCrossShrink: true }, profileArbFor({ maxResponses: maxN }), profileArbFor({ maxPrompts: 3, maxResponses: maxN })),
      layout: fc.record({
        form: fc.integer({ min: 0, max: 3 }),
        c: fc.integer({ min: 1, max: 7 }),
        j: fc.integer({ min: 1, max: 3 }),
        huge: fc.integer({ min: 0, max: 6 }).map((v) => Math.max(0, v - 3)),
        numbers: fc.boolean(),
        bare: fc.boolean(),
        bottom: fc.boolean(),
        wrap: fc.boolean(),
        ids: fc.integer({ min: 0, max: 2 }),
        rot: fc.nat(4),
      }),
      model: fc.record({
        kind: fc.integer({ min: 0, max: 2 }),
        floats: fc.integer({ min: 0, max: 3 }).map((v) => v === 3),
        k: kArb(maxK),
        statesK: fc.boolean(),
        policies: fc.array(policyRecordArb(maxN, 6), { minLength: 1, maxLength: 4 }),
        outcomes: fc.array(fc.record({ items: fc.array(fc.nat(31), { minLength: maxK, maxLength: maxK }), w: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 }),
      }),
      edit: fc.record({ kind: fc.nat(EDITS.length - 1), at: fc.nat(63) }),
    })
    .map(({ profile, layout, model, edit }) => {
      const { json, ids } = writeProfile(profile, layout);
      return { profile: json, model: writeModel(model, profile, ids, layout), edit, floats: model.floats };
    });
}

export const I1 = defineClaim<I1Instance, I1Evidence>({
  id: 'I1',
  title: 'exact, strict inputs',
  statement:
    'Every profile and model (policy, k-output model, mixture; one or several prompts; weak orders and Luce types; numbers as integers, "p/q" (past 2^1024 too), decimals and exponents; float probabilities read as their exact values, divided by their exact sum) written in the JSON formats reads back exactly as written, with the structure it has (strict, unanimous and its top, impartial culture, clone classes, tiers), by every reader and after codec.ts writes it again; and every one-edit corruption of it (a misspelt, unknown or missing key, a weight that is not positive, not exact or too large to read, an unknown or repeated response, an empty tier, probabilities not summing to 1, a wrong model kind or size, float probabilities further than 1e-9 from 1, malformed JSON) is refused with an input error at the JSON path of the edit.',
  latex: '\\mathrm{read}(\\mathrm{write}(x)) = x,\\quad \\mathrm{read}(\\mathrm{edit}(\\mathrm{write}(x))) = \\text{InputError at the edit}',
  rule: 'any',
  expect: 'holds',
  compares:
    'the objects the readers build (parseJson → profileFromJson, the one-pass rankingProfileFromText, modelFromJson, and again after profileToJson / modelToJson) and their structure (structure.ts) against an independent reading of the same JSON (its own number parser, normalisation, ranks, merged outcomes, and the structure by definition); the refusal of each edit against the JSON path and problem predicted when the edit was made',
  defaultRuns: 400,
  arbitrary: (o = {}) => i1Arb(o),
  evidence(i) {
    const profileText = JSON.stringify(i.profile);
    const modelText = JSON.stringify(i.model);
    const got: { profile?: Profile; model?: Model } = {};
    const profileOf = (): Profile => got.profile ?? readProfile(profileText);
    const read = {
      profile: attempt(() => (got.profile = readProfile(profileText)), profileView),
      onePass: (() => {
        const r = attempt(() => rankingProfileFromText(profileText, PROFILE_FILE), (p) => (p === null ? null : profileView(p)));
        return r === 'null' ? null : r;
      })(),
      model: attempt(() => (got.model = readModel(modelText, profileOf(), i.floats)), modelView),
      rewritten: {
        profile: attempt(() => readProfile(JSON.stringify(profileToJson(profileOf()))), profileView),
        model: attempt(() => readModel(JSON.stringify(modelToJson(got.model ?? readModel(modelText, profileOf(), i.floats), profileOf())), profileOf()), modelView),
      },
    };
    const { name, draft, edited } = editOf(i);
    const file = edited.file === 'profile' ? PROFILE_FILE : MODEL_FILE;
    const text = edited.text ?? JSON.stringify(edited.file === 'profile' ? draft.profile : draft.model);
    const refusal = attempt(
      () => (edited.file === 'profile' ? readProfile(text) : readModel(text, profileOf(), i.floats)),
      () => 'accepted',
    );
    const onePass = edited.file === 'profile' ? attempt(() => rankingProfileFromText(text, PROFILE_FILE), (p) => (p === null ? null : profileView(p))) : 'null';
    return {
      expected: { profile: JSON.stringify(expectedProfile(i.profile)), model: JSON.stringify(expectedModel(i.model, i.profile, i.floats)) },
      read,
      edit: {
        name,
        file: edited.file,
        prefix: edited.path === null ? `${file}: ` : `${file}: ${jsonPath(edited.path)}: `,
        problem: edited.problem,
        refusal,
        onePass: onePass === 'null' ? null : onePass,
      },
    };
  },
  judge(i, e) {
    const same = (r: Read | null, want: string): boolean => r === want;
    const parts = {
      profile: holds(same(e.read.profile, e.expected.profile)),
      onePass: holds(onePassReads(i.profile) ? same(e.read.onePass, e.expected.profile) : e.read.onePass === null),
      model: holds(same(e.read.model, e.expected.model)),
      rewritten: holds(same(e.read.rewritten.profile, e.expected.profile) && same(e.read.rewritten.model, e.expected.model)),
      refused: holds(e.edit.refusal.startsWith(`InputError: ${e.edit.prefix}`) && e.edit.refusal.includes(e.edit.problem)),
      onePassDeclines: holds(e.edit.onePass === null),
    };
    return verdict(minRat(Object.values(parts)), {
      parts: Object.fromEntries(Object.entries(parts).map(([key, v]) => [key, v.toFraction()])),
      expected: e.expected,
      read: e.read,
      edit: e.edit,
    });
  },
  size(i): InstanceSize {
    const prompts = promptsOf(i.profile);
    const users = prompts.flatMap((p) => p.users as Obj[]);
    const kinds = new Set(users.map((u) => (luce(u) ? 'luce' : 'ranking')));
    const m = expectedModel(i.model, i.profile);
    return {
      ...(m.k === null ? {} : { k: m.k }),
      n: Math.max(...prompts.map((p) => (p.responses as string[]).length)),
      users: Math.max(...prompts.map((p) => (p.users as Obj[]).length)),
      prompts: prompts.length,
      model: kinds.size > 1 ? 'mixed' : kinds.has('luce') ? 'luce' : 'weak-orders',
    };
  },
  // "profile": the profile read, as profileToJson writes it (what every report shows; the file itself when it
  // cannot be read); "files": the two files as written, which fromJson reads back
  toJson: (i) => ({ profile: shownProfile(i.profile), files: { profile: i.profile, model: i.model }, edit: { kind: i.edit.kind, at: i.edit.at }, ...(i.floats ? { floats: true } : {}) }),
  fromJson(json) {
    const files = field(json, 'files');
    const edit = field(json, 'edit');
    const int = (v: Json): number => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new InputError('instance.edit: "kind" and "at" must be integers ≥ 0');
      return v;
    };
    if (!isObject(edit)) throw new InputError('instance.edit: expected {"kind", "at"}');
    const floats = isObject(json) && 'floats' in json ? json.floats : false;
    if (typeof floats !== 'boolean') throw new InputError('instance.floats: expected true or false');
    return { profile: field(files, 'profile', 'instance.files'), model: field(files, 'model', 'instance.files'), edit: { kind: int(edit.kind) % EDITS.length, at: int(edit.at) }, floats };
  },
});
