import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadPrompts } from '../../src/conversation/llm/prompts.ts';
import { TOOL_NAMES } from '../../src/conversation/llm/tools.ts';

/** PLANNER and the LLM settings, and the prompts the LLM planner loads at start. */

describe('the planner setting', () => {
  it('is offline without a key and the LLM planner with one (PLANNER=auto)', () => {
    expect(loadConfig({}, '/srv').planner).toEqual({ kind: 'offline' });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }, '/srv').planner).toEqual({
      kind: 'llm',
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      visionModel: 'gpt-4o-mini',
      temperature: 0.2,
      timeoutMs: 20_000,
      turnTokenBudget: 8000,
    });
  });

  it('reads the LLM settings and keeps the offline planner when asked to', () => {
    const config = loadConfig(
      {
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1',
        OPENAI_CHAT_MODEL: 'llama-3.1-8b',
        OPENAI_VISION_MODEL: 'llava',
        OPENAI_TEMPERATURE: '0.7',
        OPENAI_TIMEOUT_MS: '5000',
        LLM_TURN_TOKEN_BUDGET: '4000',
      },
      '/srv',
    );
    expect(config.planner).toMatchObject({
      kind: 'llm',
      baseUrl: 'http://127.0.0.1:8080/v1',
      model: 'llama-3.1-8b',
      visionModel: 'llava',
      temperature: 0.7,
      timeoutMs: 5000,
      turnTokenBudget: 4000,
    });
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test', PLANNER: 'offline' }, '/srv').planner).toEqual({ kind: 'offline' });
  });

  it('refuses PLANNER=llm without a key, and bad values, naming the variable', () => {
    expect(() => loadConfig({ PLANNER: 'llm' }, '/srv')).toThrow(/OPENAI_API_KEY: required when PLANNER=llm/);
    expect(() => loadConfig({ PLANNER: 'gpt' }, '/srv')).toThrow(/PLANNER: expected auto/);
    expect(() => loadConfig({ OPENAI_TEMPERATURE: '3' }, '/srv')).toThrow(/OPENAI_TEMPERATURE/);
    expect(() => loadConfig({ OPENAI_TIMEOUT_MS: 'soon' }, '/srv')).toThrow(/OPENAI_TIMEOUT_MS/);
    expect(() => loadConfig({ LLM_TURN_TOKEN_BUDGET: '10' }, '/srv')).toThrow(
      /LLM_TURN_TOKEN_BUDGET: expected at least 1000/,
    );
  });
});

describe('the prompts', () => {
  it('describe every tool and carry a version id', async () => {
    const prompts = await loadPrompts();
    expect(Object.keys(prompts.tools).sort()).toEqual([...TOOL_NAMES].sort());
    expect(prompts.version).toMatch(/^[0-9a-f]{12}$/);
    expect(prompts.system).toMatch(/Never:/);
  });
});
