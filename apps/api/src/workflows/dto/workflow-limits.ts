/** Input bounds for workflows: large enough for real use, small enough that no request exhausts the server. */
export const WORKFLOW_LIMITS = {
  nameLength: 200,
  descriptionLength: 2000,
  tags: 20,
  tagLength: 50,
  searchLength: 200,
  pageSize: 100,
  /** Serialized definition size; the HTTP body limit (BATON_MAX_BODY_BYTES) applies too. */
  definitionBytes: 1024 * 1024,
} as const;
