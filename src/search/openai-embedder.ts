import { OpenAIEmbeddings } from '@langchain/openai';
import type { Embedder } from './embedder.ts';

/**
 * Embeddings from OpenAI or any OpenAI-compatible server (baseUrl), through
 * LangChain: requests are batched, and 429s and 5xx answers are retried with
 * exponential backoff by LangChain's caller.
 */

export interface OpenAIEmbedderOptions {
  apiKey: string;
  model: string;
  dimensions: number;
  baseUrl?: string;
  batchSize?: number;
  maxRetries?: number;
  timeoutMs?: number;
}

export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAIEmbeddings({
    apiKey: options.apiKey,
    model: options.model,
    dimensions: options.dimensions,
    batchSize: options.batchSize ?? 256,
    maxRetries: options.maxRetries ?? 6,
    timeout: options.timeoutMs ?? 30_000,
    configuration: options.baseUrl ? { baseURL: options.baseUrl } : undefined,
  });
  const check = (vector: number[]) => {
    if (vector.length !== options.dimensions) {
      throw new Error(
        `The embedding server returned ${vector.length} dimensions for ${options.model}, but EMBEDDING_DIMENSIONS is ${options.dimensions}; set it to ${vector.length} and run showroom reindex`,
      );
    }
    return vector;
  };
  return {
    id: `openai:${options.model}`,
    dimensions: options.dimensions,
    embedDocuments: async (texts) => (await client.embedDocuments(texts)).map(check),
    embedQuery: async (text) => check(await client.embedQuery(text)),
  };
}
