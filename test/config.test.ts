import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/showroom');
    expect(config.db).toEqual({ kind: 'pglite', dataDir: '/srv/showroom/data' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.telegram.apiRoot).toBe('https://api.telegram.org');
  });

  it('takes the embedded database page cache from PGLITE_CACHE_MB, and says what is wrong with a bad one', () => {
    expect(loadConfig({ PGLITE_CACHE_MB: '512' }, '/srv').db).toEqual({
      kind: 'pglite',
      dataDir: '/srv/data',
      cacheMb: 512,
    });
    expect(() => loadConfig({ PGLITE_CACHE_MB: '4096' })).toThrow(/PGLITE_CACHE_MB: expected at most 2048/);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/showroom', DATABASE_POOL_SIZE: '4' });
    expect(config.db).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/showroom', poolSize: 4 });
  });

  it('names every bad variable in one message, without echoing secrets', () => {
    let message = '';
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://u:secretpw@h/db', TELEGRAM_BOT_TOKEN: 'not-a-token-at-all' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT: expected a TCP port from 0 to 65535/);
    expect(message).toMatch(/DATABASE_URL: expected postgres:\/\//);
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN: expected a token from @BotFather/);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:secretpw@h/db' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secretpw');
    }
  });

  it('requires the signing secret with a Slack bot token', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrowError(/SLACK_SIGNING_SECRET: required/);
  });
});
