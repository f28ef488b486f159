import type { Queryable } from '../db/database.ts';

/**
 * Messages the desk and the rep sent a buyer outside any reply of theirs
 * (the queue notice, "Anna has taken your request", the rep's words, the
 * close). Chat platforms get them pushed by the outbox worker; a chat that
 * cannot be pushed to, the web chat, asks for them: they are read from the
 * transcript, where tellBuyer stored them in the transaction that caused
 * them, so nothing is lost while the page is closed.
 */

export interface PushedMessage {
  /** the transcript id: ask again with `after` set to the last one seen */
  id: number;
  text: string;
  from: 'desk' | 'rep';
}

export async function pushedMessagesSince(
  db: Queryable,
  chat: { channel: string; chatId: string },
  after: number,
  limit = 50,
): Promise<PushedMessage[]> {
  const { rows } = await db.query<{ id: number | string; text: string; from: 'desk' | 'rep' }>(
    `select m.id, m.text, m.payload ->> 'from' as "from"
     from conversations c join conversation_messages m on m.conversation_id = c.id
     where c.channel = $1 and c.chat_id = $2 and m.id > $3 and m.direction = 'out'
       and m.payload ->> 'from' in ('desk', 'rep')
     order by m.id limit $4`,
    [chat.channel, chat.chatId, after, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), text: row.text, from: row.from }));
}
