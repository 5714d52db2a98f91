/** One sample line of the Prometheus text exposition format. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusScrape {
  /** Metric family name -> its TYPE (counter, gauge, histogram, summary, untyped). */
  types: Map<string, string>;
  samples: PrometheusSample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created', '_info'];

/**
 * A strict reader of the text exposition format (version 0.0.4): every line must be a HELP or
 * TYPE comment, a blank line or a well-formed sample whose family was declared by a TYPE line
 * before it; anything else throws, naming the line.
 */
export function parsePrometheusText(text: string): PrometheusScrape {
  const types = new Map<string, string>();
  const samples: PrometheusSample[] = [];
  text.split('\n').forEach((line, index) => {
    const fail = (why: string) => {
      throw new Error(`line ${index + 1} ${why}: ${line}`);
    };
    if (!line.trim()) return;
    if (line.startsWith('#')) {
      const comment = new RegExp(`^# (HELP|TYPE) (${NAME})(?: (.*))?$`).exec(line);
      if (!comment) return fail('is not a HELP or TYPE comment');
      if (comment[1] === 'TYPE') {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(comment[3] ?? ''))
          fail('has an unknown type');
        if (types.has(comment[2])) fail('declares a family twice');
        types.set(comment[2], comment[3]!);
      }
      return;
    }
    const match = SAMPLE.exec(line);
    if (!match) return fail('is not a sample');
    const [, name, rawLabels, rawValue] = match;
    const family = familyOf(name, types);
    if (!family) fail('has no TYPE declared before it');
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes `Nan`).
    const value = /^[+-]?inf$/i.test(rawValue)
      ? (rawValue.startsWith('-') ? -1 : 1) * Infinity
      : /^nan$/i.test(rawValue)
        ? NaN
        : Number(rawValue);
    if (Number.isNaN(value) && !/^nan$/i.test(rawValue)) fail('has a value that is not a number');
    samples.push({ name, labels: parseLabels(rawLabels ?? '', fail), value });
  });
  return { types, samples };
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && types.has(name.slice(0, -s.length)));
  return suffix ? name.slice(0, -suffix.length) : undefined;
}

function parseLabels(raw: string, fail: (why: string) => never): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < raw.length) {
    const start = LABEL.lastIndex;
    const match = LABEL.exec(raw);
    if (!match || match.index !== start) fail('has malformed labels');
    const [, key, escaped] = match!;
    if (key in labels) fail(`repeats the label ${key}`);
    labels[key] = escaped.replace(/\\(.)/g, (_, ch: string) => (ch === 'n' ? '\n' : ch));
  }
  return labels;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sampleValue(scrape: PrometheusScrape, name: string, labels: Record<string, string> = {}): number {
  return scrape.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
