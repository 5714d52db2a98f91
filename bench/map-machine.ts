/** MaxConcurrency of the scale rows' Map (issue 10): the tier's BATON_MAX_STEP_CONCURRENCY is raised to match. */
export const MAP_MAX_CONCURRENCY = 100;

/**
 * One Map state over `$.items` whose iterator is a single Pass state, so a run costs the Map's
 * own bookkeeping per item and nothing else: its output is the input items in order.
 */
export function aslMapMachine() {
  return {
    Comment: 'Baton bench: Map scale',
    StartAt: 'Items',
    States: {
      Items: {
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrency: MAP_MAX_CONCURRENCY,
        ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
}

/** The input of a Map run over `count` items: `{ items: [0, 1, …, count − 1] }`. */
export function mapInput(count: number): { items: number[] } {
  return { items: Array.from({ length: count }, (_, i) => i) };
}
