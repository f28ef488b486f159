import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, tempDir } from '../helpers/cli.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.ts';
import { wellBehaved } from './well-behaved-model.ts';

/** `showroom chat` answers with the configured planner, as `showroom start` does. */
describe('showroom chat with PLANNER=llm', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    fake.respond = wellBehaved;
  });
  afterAll(() => fake.close());

  it('asks the model, and shows cards rendered from the catalog', async () => {
    const env = cliEnv(path.join(await tempDir(), 'data'), {
      PLANNER: 'llm',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.baseUrl,
      EMBEDDER: 'local',
    });
    const result = await runCli(['chat', '--json', '--user', 'llm-buyer'], {
      env,
      input: 'white maxi dresses, 100 pcs\n',
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    const replies = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; items?: Array<{ sku: string }> });
    const products = replies.find((reply) => reply.kind === 'products');
    expect(products?.items?.length).toBeGreaterThan(0);
    expect(fake.chatCalls.length).toBeGreaterThan(0);
    expect(JSON.stringify(fake.chatCalls[0]!.request.tools)).toMatch(/search_catalog/);
  });
});
