import type { TestChat, TestUser } from '../helpers/telegram-emulator.ts';

/**
 * The people and places of the cross-platform hand-off tests: a Telegram
 * buyer and rep with the reps' group, a Slack buyer and rep with the sales
 * channel.
 */

export const SALES_CHANNEL = 'C0SALES01';
export const SALES_GROUP: TestChat = { id: -1001234567, type: 'supergroup', title: 'Sales desk' };
export const TG_BUYER: TestUser = { id: 9001, first_name: 'Maria', language_code: 'en' };
export const TG_BUYER_CHAT: TestChat = { id: 9001, type: 'private' };
export const TG_REP: TestUser = { id: 4242, first_name: 'Olga' };
export const SLACK_REP = 'U0REPLIWEI';
export const SLACK_BUYER = 'U0BUYERANNE';
export const SLACK_BUYER_DM = 'D0BUYERANNE';
