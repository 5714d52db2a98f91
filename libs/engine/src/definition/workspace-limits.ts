/**
 * Nodes (or states) one workflow may hold unless the engine is given another limit. Large enough
 * for any hand-built editor graph; small enough that validating and planning a definition stays
 * well under a millisecond per node and a runaway generator cannot store a 1 MB graph.
 */
export const DEFAULT_MAX_NODES = 500;
