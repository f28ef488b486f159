import type { StructuredToolInterface } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';

/**
 * The definitions the model sees: the zod schemas as JSON Schema without
 * the limits only the validator needs ($schema, lengths, bounds), which cost
 * a few hundred tokens on every call and change nothing the model does. The
 * tools still validate every argument against the full schema.
 */
export function modelToolDefinitions(tools: StructuredToolInterface[]) {
  const lean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(lean);
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !DROPPED_KEYWORDS.has(key))
        .map(([key, inner]) => [key, key === 'properties' ? mapValues(inner, lean) : lean(inner)]),
    );
  };
  return tools.map((t) => lean(convertToOpenAITool(t)) as ReturnType<typeof convertToOpenAITool>);
}

const DROPPED_KEYWORDS = new Set([
  '$schema',
  'additionalProperties',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'exclusiveMinimum',
]);

function mapValues(value: unknown, fn: (inner: unknown) => unknown): unknown {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, fn(inner)]));
}
