/**
 * The few words the Telegram adapter says itself, per language: the command
 * menu (setMyCommands, one list per language_code) and the apology sent when
 * the engine fails. Everything else a buyer reads comes from the engine.
 * Descriptions stay short: Telegram shows them in a narrow menu (limit 256).
 */

export const COMMANDS = ['start', 'help', 'lang', 'sales', 'shortlist', 'deletemydata'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface AdapterTexts {
  commands: Record<CommandName, string>;
  apology: string;
}

export const DEFAULT_LANGUAGE = 'en';

export const TELEGRAM_TEXTS: Record<string, AdapterTexts> = {
  en: {
    commands: {
      start: 'Start the conversation',
      help: 'What I can do',
      lang: 'Reply language, e.g. /lang es',
      sales: 'Talk to a sales rep',
      shortlist: 'Your shortlist for a quote',
      deletemydata: 'Delete your messages and shortlist',
    },
    apology: 'Sorry, something went wrong on our side; please try again in a minute.',
  },
  es: {
    commands: {
      start: 'Empezar la conversación',
      help: 'Qué puedo hacer',
      lang: 'Idioma de respuesta, p. ej. /lang en',
      sales: 'Hablar con un vendedor',
      shortlist: 'Tu lista para el presupuesto',
      deletemydata: 'Borrar tus mensajes y tu lista',
    },
    apology: 'Lo sentimos, algo ha fallado por nuestra parte; inténtalo de nuevo en un minuto.',
  },
  fr: {
    commands: {
      start: 'Commencer la conversation',
      help: 'Ce que je sais faire',
      lang: 'Langue des réponses, p. ex. /lang en',
      sales: 'Parler à un commercial',
      shortlist: 'Votre sélection pour un devis',
      deletemydata: 'Supprimer vos messages et votre sélection',
    },
    apology: 'Désolé, un problème est survenu de notre côté ; réessayez dans une minute.',
  },
  pt: {
    commands: {
      start: 'Começar a conversa',
      help: 'O que posso fazer',
      lang: 'Idioma das respostas, ex. /lang en',
      sales: 'Falar com um vendedor',
      shortlist: 'Sua lista para o orçamento',
      deletemydata: 'Apagar suas mensagens e sua lista',
    },
    apology: 'Desculpe, algo deu errado do nosso lado; tente novamente em um minuto.',
  },
  de: {
    commands: {
      start: 'Gespräch beginnen',
      help: 'Was ich kann',
      lang: 'Antwortsprache, z. B. /lang en',
      sales: 'Mit dem Vertrieb sprechen',
      shortlist: 'Ihre Merkliste für ein Angebot',
      deletemydata: 'Nachrichten und Merkliste löschen',
    },
    apology: 'Entschuldigung, bei uns ist etwas schiefgelaufen; bitte versuchen Sie es in einer Minute erneut.',
  },
  ru: {
    commands: {
      start: 'Начать разговор',
      help: 'Что я умею',
      lang: 'Язык ответов, напр. /lang en',
      sales: 'Связаться с менеджером',
      shortlist: 'Ваш список для расчёта цены',
      deletemydata: 'Удалить ваши сообщения и список',
    },
    apology: 'Извините, у нас что-то пошло не так; попробуйте ещё раз через минуту.',
  },
  ar: {
    commands: {
      start: 'بدء المحادثة',
      help: 'ما الذي أستطيع فعله',
      lang: 'لغة الرد، مثل /lang en',
      sales: 'التحدث مع مندوب المبيعات',
      shortlist: 'قائمتك المختصرة لعرض السعر',
      deletemydata: 'حذف رسائلك وقائمتك',
    },
    apology: 'عذرًا، حدث خطأ من جانبنا؛ يرجى المحاولة مرة أخرى بعد دقيقة.',
  },
  zh: {
    commands: {
      start: '开始对话',
      help: '我能做什么',
      lang: '回复语言，例如 /lang en',
      sales: '联系销售',
      shortlist: '您的询价清单',
      deletemydata: '删除您的消息和清单',
    },
    apology: '抱歉，我们这边出了点问题，请一分钟后再试。',
  },
};

export const RTL_LANGUAGES = new Set(['ar']);

/** The texts for a Telegram client's language_code ("pt-br" → pt), English when there are none. */
export function textsFor(languageCode: string | undefined): { language: string; texts: AdapterTexts } {
  const language = languageCode?.toLowerCase().split('-')[0];
  return language && TELEGRAM_TEXTS[language]
    ? { language, texts: TELEGRAM_TEXTS[language] }
    : { language: DEFAULT_LANGUAGE, texts: TELEGRAM_TEXTS[DEFAULT_LANGUAGE]! };
}
