/**
 * Turns text into vectors for similarity search. Two implementations: the
 * local one (no network, deterministic) and an OpenAI-compatible one. Which
 * one runs is chosen explicitly (EMBEDDER), never by the presence of a key:
 * switching changes every stored vector, so it needs `showroom reindex`.
 */
export interface Embedder {
  /** Recorded beside every stored vector: "local-v1", "openai:text-embedding-3-small". */
  readonly id: string;
  readonly dimensions: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

export function toVectorLiteral(vector: readonly number[]): string {
  return `[${vector.map((x) => (Number.isFinite(x) ? Number(x.toFixed(6)) : 0)).join(',')}]`;
}
