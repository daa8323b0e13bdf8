import { foldForSearch } from '@passerelle/contracts';

/**
 * Finding an app by what someone remembers of it: accents and case don't matter ("compta" finds
 * "Comptabilité"), nor does a small typo ("wkii" finds "Wiki"). Every word typed must match the
 * name or the description; the best matches (whole name, then start of the name or of a word, then
 * anywhere, then typos) come first, the name counting more than the description.
 */

export interface Searchable {
  readonly name: string;
  readonly description: string;
}

/** Scores of one query word against one field; the description's count for less. */
const SCORE = { exact: 100, prefix: 80, wordPrefix: 60, substring: 40, typo: 20 } as const;
const DESCRIPTION_WEIGHT = 0.4;

/** Typos allowed in a word of this length: none below 4 letters, one up to 7, two beyond. */
export function typoBudget(length: number): number {
  if (length < 4) {
    return 0;
  }
  return length <= 7 ? 1 : 2;
}

/** Apps matching every word of `query`, best first (ties keep the given order). Empty query: none. */
export function searchApps<T extends Searchable>(apps: readonly T[], query: string): T[] {
  const terms = words(query);
  if (!terms.length) {
    return [];
  }
  const phrase = terms.join(' ');
  return apps
    .map((app, index) => ({ app, index, score: scoreApp(app, terms, phrase) }))
    .filter((hit) => hit.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((hit) => hit.app);
}

function scoreApp(app: Searchable, terms: string[], phrase: string): number {
  const name = prepare(app.name);
  const description = prepare(app.description);
  let total = 0;
  for (const term of terms) {
    const score = Math.max(scoreField(name, term), scoreField(description, term) * DESCRIPTION_WEIGHT);
    if (score === 0) {
      return 0;
    }
    total += score;
  }
  // The whole query as typed ("daily planner") at the start of the name beats the same words scattered.
  if (terms.length > 1 && name.text.startsWith(phrase)) {
    total += SCORE.prefix;
  }
  return total;
}

interface PreparedField {
  /** Folded, punctuation turned to single spaces. */
  text: string;
  words: string[];
}

function prepare(text: string): PreparedField {
  const list = words(text);
  return { text: list.join(' '), words: list };
}

/** Folded words: letters and digits only ("Comptabilité & paie" → ["comptabilite", "paie"]). */
function words(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function scoreField(field: PreparedField, term: string): number {
  if (!field.text) {
    return 0;
  }
  if (field.text === term) {
    return SCORE.exact;
  }
  if (field.text.startsWith(term)) {
    return SCORE.prefix;
  }
  if (field.words.some((word) => word.startsWith(term))) {
    return SCORE.wordPrefix;
  }
  if (field.text.includes(term)) {
    return SCORE.substring;
  }
  const budget = typoBudget(term.length);
  if (budget === 0) {
    return 0;
  }
  let best = Infinity;
  for (const word of field.words) {
    // The whole word ("wkii" → "wiki") or its start ("comtpa" → "compta|bilite").
    best = Math.min(best, editDistance(term, word, budget), editDistance(term, word.slice(0, term.length), budget));
    if (best === 0) {
      break;
    }
  }
  return best <= budget ? SCORE.typo - best : 0;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
 * swaps of two neighbours), giving up early once every path costs more than `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, twoBack[j - 2] + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) {
      return limit + 1;
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}
