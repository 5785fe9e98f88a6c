import { ACTION_VERBS, contentTerms, isActionVerb, slugOf, termKey, tokens } from "./intent-terms";

/**
 * Turns intent candidates (messages no intent fitted, each kept as a pending annotation) into
 * suggestions a person can act on. A suggestion is phrasing that recurs: at least
 * MIN_CLUSTER_MESSAGES messages from at least MIN_CLUSTER_CONVERSATIONS conversations that share a
 * pair of content words ("reset" + "password"). One shared word is not enough: in support chats a
 * lone "support", "ticket" or "moving" joins messages that want different things.
 *
 * Greedy and deterministic: the pair shared by the most unassigned messages (ties: more
 * conversations, then the pair the candidates were named by, then alphabetical) takes all of them,
 * and so on until no pair qualifies. Words are compared by a stem key, so word order and inflection do not
 * split a cluster ("password reset", "resetting passwords" and "reset my password" are one).
 * The name is the cluster's two words in their most common spelling, the action verb first
 * (`reset_password`), else in the order people write them; suggestions whose names still coincide
 * are merged. The example is a real member message, the one most typical of the cluster.
 */

export const MIN_CLUSTER_MESSAGES = 3;
export const MIN_CLUSTER_CONVERSATIONS = 2;
/** Content words looked at per message; the first ones carry what it asks. */
const TERMS_PER_MESSAGE = 8;

export interface IntentCandidate {
  id: string;
  conversationId: string;
  /** The candidate's own name (the embedded analyzer's or the AI's suggested slug). */
  label: string;
  /** The message (or its start), when it was recorded. */
  text: string | null;
  createdAt: number;
}

export interface IntentCluster {
  slug: string;
  /** Human name, e.g. "Reset password". */
  name: string;
  /** The words the cluster shares, as written. */
  terms: string[];
  memberIds: string[];
  occurrences: number;
  conversations: number;
  example: string | null;
  exampleConversationId: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

interface Prepared {
  c: IntentCandidate;
  keys: string[];
  /** The keys of the candidate's own name. */
  named: string[];
}

/** Word endings that join a longer key to a shorter one seen too ("rechnungen" → "rechnung"). */
const INFLECTIONS = ["s", "n", "en", "er", "es", "r", "e"];

export function clusterCandidates(
  candidates: readonly IntentCandidate[],
  opts: { minMessages?: number; minConversations?: number; exclude?: ReadonlySet<string> } = {},
): IntentCluster[] {
  const minMessages = opts.minMessages ?? MIN_CLUSTER_MESSAGES;
  const minConversations = opts.minConversations ?? MIN_CLUSTER_CONVERSATIONS;
  const surfaces = new Map<string, Map<string, number>>();
  const positions = new Map<string, number[]>();

  const raw = candidates.map((c) => {
    // The label's words come first: for an AI suggestion they are its summary of the message.
    const labelTerms = contentTerms(tokens(c.label.replace(/_/g, " ")), 3).map((t, i) => ({ ...t, at: i - 100 }));
    const textTerms = c.text !== null ? contentTerms(tokens(c.text), TERMS_PER_MESSAGE) : [];
    return { c, terms: [...labelTerms, ...textTerms], labelCount: labelTerms.length };
  });
  const allKeys = new Set(raw.flatMap((r) => r.terms.map((t) => t.key)));
  const canonical = (key: string): string => {
    for (const end of INFLECTIONS) {
      const base = key.slice(0, -end.length);
      if (key.endsWith(end) && base.length >= 4 && allKeys.has(base)) return base;
    }
    return key;
  };
  const prepared: Prepared[] = raw.map(({ c, terms, labelCount }) => {
    const keys: string[] = [];
    const named = terms.slice(0, labelCount).map((t) => canonical(t.key));
    for (const t of terms) {
      const key = canonical(t.key);
      if (keys.includes(key) || keys.length >= TERMS_PER_MESSAGE) continue;
      keys.push(key);
      const forms = surfaces.get(key) ?? new Map<string, number>();
      forms.set(t.surface, (forms.get(t.surface) ?? 0) + 1);
      surfaces.set(key, forms);
      const at = positions.get(key);
      if (at === undefined) positions.set(key, [t.at]);
      else at.push(t.at);
    }
    return { c, keys, named };
  });

  const assigned = new Uint8Array(prepared.length);
  const groups: { keys: string[]; members: number[] }[] = [];
  const take = (index: Map<string, number[]>) => {
    // Sorted by member count once: that count only shrinks as members are assigned, so it stays an
    // upper bound and the scan can stop at the first entry that cannot beat the best found.
    const live = [...index]
      .filter(([, m]) => m.length >= minMessages)
      .map(([key, members]) => ({ key, members, bound: members.length }))
      .sort((a, b) => b.bound - a.bound);
    for (;;) {
      let best: { key: string; members: number[]; convs: number; named: number } | undefined;
      for (const entry of live) {
        if (best !== undefined && entry.bound < best.members.length) break;
        if (entry.members.length < minMessages) continue;
        entry.members = entry.members.filter((i) => assigned[i] === 0);
        const open = entry.members;
        if (open.length < minMessages || (best !== undefined && open.length < best.members.length)) continue;
        const convs = new Set(open.map((i) => prepared[i]?.c.conversationId)).size;
        if (convs < minConversations) continue;
        // Among equals, the words the candidates were named by (the verb and its object) win.
        const words = entry.key.split(" ");
        const named = open.filter((i) => words.every((w) => prepared[i]?.named.includes(w))).length;
        const better = best === undefined ? 1 : open.length - best.members.length || convs - best.convs || named - best.named || (entry.key < best.key ? 1 : -1);
        if (better > 0) best = { key: entry.key, members: open, convs, named };
      }
      if (best === undefined) return;
      for (const i of best.members) assigned[i] = 1;
      groups.push({ keys: best.key.split(" "), members: best.members });
    }
  };

  const pairs = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    for (let a = 0; a < p.keys.length; a++) {
      const ka = p.keys[a] ?? "";
      for (let b = a + 1; b < p.keys.length; b++) {
        const kb = p.keys[b] ?? "";
        const key = ka < kb ? `${ka} ${kb}` : `${kb} ${ka}`;
        const list = pairs.get(key);
        if (list === undefined) pairs.set(key, [i]);
        else list.push(i);
      }
    }
  });
  take(pairs);

  // Names that still coincide (different words, same spelling once folded) are one suggestion.
  const bySlug = new Map<string, { words: string[]; keys: string[]; members: number[] }>();
  for (const g of groups) {
    const words = nameWords(g.keys, surfaces, positions);
    const slug = slugOf(words);
    if (slug === "" || opts.exclude?.has(slug)) continue;
    const same = bySlug.get(slug);
    if (same === undefined) bySlug.set(slug, { words, keys: g.keys, members: [...g.members] });
    else same.members.push(...g.members);
  }
  return [...bySlug]
    .map(([slug, g]) => describe(slug, g.words, g.keys, g.members.map((i) => prepared[i]).filter((p): p is Prepared => p !== undefined)))
    .sort((a, b) => b.occurrences - a.occurrences || b.conversations - a.conversations || b.lastSeenAt - a.lastSeenAt || (a.slug < b.slug ? -1 : 1));
}

function surfaceOf(surfaces: ReadonlyMap<string, ReadonlyMap<string, number>>, key: string): string {
  let best = key;
  let count = -1;
  for (const [form, n] of surfaces.get(key) ?? []) {
    if (n > count || (n === count && form.length < best.length)) {
      best = form;
      count = n;
    }
  }
  return best;
}

const ACTION_BASE = new Map([...ACTION_VERBS].map((v) => [termKey(v), v]));

/** The verb first ("reset password"), else the order people write the words in. */
function nameWords(keys: readonly string[], surfaces: ReadonlyMap<string, ReadonlyMap<string, number>>, positions: ReadonlyMap<string, number[]>): string[] {
  const meanAt = (k: string) => {
    const at = positions.get(k) ?? [0];
    return at.reduce((s, x) => s + x, 0) / at.length;
  };
  const verbFirst = (k: string) => (isActionVerb(surfaceOf(surfaces, k)) ? 0 : 1);
  return [...keys]
    .sort((a, b) => verbFirst(a) - verbFirst(b) || meanAt(a) - meanAt(b))
    .map((k) => (isActionVerb(surfaceOf(surfaces, k)) ? (ACTION_BASE.get(termKey(surfaceOf(surfaces, k))) ?? surfaceOf(surfaces, k)) : surfaceOf(surfaces, k)));
}

function describe(slug: string, words: readonly string[], keys: readonly string[], members: readonly Prepared[]): IntentCluster {
  // How typical a member is: how many members share each of its words, over its length. Members
  // naming both of the cluster's words come first.
  const df = new Map<string, number>();
  for (const p of members) for (const k of p.keys) df.set(k, (df.get(k) ?? 0) + 1);
  let example: Prepared | undefined;
  let exampleScore = -1;
  for (const p of members) {
    if (p.c.text === null) continue;
    const full = keys.every((k) => p.keys.includes(k)) ? 1 : 0;
    const score = full + p.keys.reduce((s, k) => s + (df.get(k) ?? 0), 0) / members.length / (p.keys.length + 2);
    if (score > exampleScore || (score === exampleScore && example !== undefined && p.c.createdAt > example.c.createdAt)) {
      example = p;
      exampleScore = score;
    }
  }
  let firstSeenAt = Infinity;
  let lastSeenAt = -Infinity;
  for (const m of members) {
    firstSeenAt = Math.min(firstSeenAt, m.c.createdAt);
    lastSeenAt = Math.max(lastSeenAt, m.c.createdAt);
  }
  return {
    slug,
    name: words.join(" ").replace(/^./, (ch) => ch.toUpperCase()),
    terms: [...words],
    memberIds: members.map((m) => m.c.id),
    occurrences: members.length,
    conversations: new Set(members.map((m) => m.c.conversationId)).size,
    example: example?.c.text ?? null,
    exampleConversationId: example?.c.conversationId ?? null,
    firstSeenAt,
    lastSeenAt,
  };
}
