import { HumanMessage } from '@langchain/core/messages';
import type { ChatRunnable, ModelClient, TurnBudget } from './model-client.ts';

/**
 * A buyer's photo turned into words the catalog search understands, by a
 * vision model. The server fetches the photo itself and sends its bytes:
 * a platform's file URL can carry the bot's token (Telegram's does), which
 * must never reach a third party. Offline, the bot asks the buyer to
 * describe the item instead.
 */

export type FetchPhoto = (url: string, signal: AbortSignal) => Promise<{ bytes: Buffer; mimeType: string }>;

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export interface PhotoDeps {
  client: ModelClient;
  model: ChatRunnable;
  budget: TurnBudget;
  prompt: string;
  fetchPhoto?: FetchPhoto | undefined;
}

/** The search words for what the photo shows; undefined when it cannot be read or shows no product. */
export async function describePhoto(
  deps: PhotoDeps,
  photo: { url: string; mimeType?: string },
): Promise<string | undefined> {
  let image: { bytes: Buffer; mimeType: string };
  try {
    const signal = AbortSignal.timeout(Math.max(1, deps.budget.deadline - Date.now()));
    image = await (deps.fetchPhoto ?? fetchPhoto)(photo.url, signal);
  } catch {
    return undefined;
  }
  const mimeType = photo.mimeType ?? image.mimeType;
  const message = new HumanMessage({
    content: [
      { type: 'text', text: deps.prompt },
      { type: 'image_url', image_url: { url: `data:${mimeType};base64,${image.bytes.toString('base64')}` } },
    ],
  });
  const response = await deps.client.call(deps.model, [message], deps.budget, { completionTokens: 100 });
  const words = (typeof response.content === 'string' ? response.content : '').trim().slice(0, 200);
  return !words || /^none\b/i.test(words) ? undefined : words;
}

export const fetchPhoto: FetchPhoto = async (url, signal) => {
  const response = await fetch(url, { signal });
  const mimeType = response.headers.get('content-type')?.split(';')[0] ?? '';
  if (!response.ok || !mimeType.startsWith('image/')) throw new Error(`not an image: ${response.status} ${mimeType}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_PHOTO_BYTES) throw new Error(`photo over ${MAX_PHOTO_BYTES} bytes`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_PHOTO_BYTES) throw new Error(`photo over ${MAX_PHOTO_BYTES} bytes`);
  return { bytes, mimeType };
};
