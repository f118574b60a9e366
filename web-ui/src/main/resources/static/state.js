// The search as plain data, and its address-bar form (/?q=...&model=...&metric=...), so a search
// can be bookmarked, shared and reloaded. The image itself never goes in the URL, only its id.

const FILTERS = ['collection', 'tags', 'tagsMatch', 'takenFrom', 'takenTo', 'uploadedFrom',
  'uploadedTo', 'minWidth'];

export const DEFAULTS = {
  q: '', negative: '', tw: '1', iw: '1', nw: '0.5', model: '', metric: 'cosine', mode: 'hybrid',
  image: '', similar: '', hideDuplicates: false, k: '24', tagsMatch: 'any', sort: 'relevance',
};

export function fromUrl(search = location.search) {
  const p = new URLSearchParams(search);
  const state = { ...DEFAULTS };
  for (const name of [...Object.keys(DEFAULTS), ...FILTERS]) {
    if (p.has(name)) state[name] = p.get(name);
  }
  state.hideDuplicates = ['1', 'true'].includes(p.get('hideDuplicates'));
  return state;
}

export function toUrl(state) {
  const p = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (name === 'hideDuplicates') {
      if (value) p.set(name, '1');
    } else if (value && value !== DEFAULTS[name]) {
      p.set(name, value);
    }
  }
  const query = p.toString();
  return query ? `/?${query}` : '/';
}

/** The filter parameters search-api takes, named as it names them. */
export function filterParams(state) {
  const out = {};
  for (const name of FILTERS) {
    if (state[name]) out[name] = state[name];
  }
  if (!state.tags) delete out.tagsMatch;
  if (state.hideDuplicates) out.hideDuplicates = 'true';
  out.k = state.k;
  return out;
}

/** What kind of query this state asks for: 'browse' (the collection) when there is none. */
export function kind(state, hasImage) {
  if (state.similar) return 'similar';
  if (hasImage || state.image) return 'image';
  if (state.q.trim()) return state.negative.trim() ? 'combined' : 'text';
  return 'browse';
}

/** The `sort` parameter: a query sorts its relevant set; the collection is always by a date. */
export function sortParam(state, what) {
  if (what === 'browse') return state.sort === 'taken' ? 'taken' : 'uploaded';
  return state.sort;
}

/** Lower is closer for distances; the score's label and the hint change with the metric. */
export const METRICS = {
  cosine: { score: 'score.similarity', hint: 'metric.cosine.hint' },
  l2: { score: 'score.distance', hint: 'metric.l2.hint' },
  l1: { score: 'score.distance', hint: 'metric.l1.hint' },
};
