// State codes and their descriptions as Devino reports them.

export const SMS_STATES: Record<number, string> = {
  [-2]: 'В очереди',
  [-1]: 'Отправлено',
  0: 'Доставлено абоненту',
  10: 'Неверно введен адрес отправителя',
  11: 'Неверно введен адрес получателя',
  41: 'Недопустимый адрес получателя',
  42: 'Отклонено смс-центром',
  46: 'Просрочено',
  47: 'Удалено',
  48: 'Отклонено Платформой',
  69: 'Отклонено',
  [-98]: 'Остановлено',
  99: 'Неизвестный',
  255: 'Неизвестный',
};

export const SMS_QUEUED = -2;
export const SMS_SENT = -1;
export const SMS_DELIVERED = 0;
export const SMS_EXPIRED = 46;
export const SMS_UNKNOWN = 255;

export const isSmsFinal = (state: number) => state !== SMS_QUEUED && state !== SMS_SENT;

/** How /Sms/Statistics counts each state. */
export function statisticsBucket(state: number): 'InProcess' | 'Sent' | 'Delivered' | 'Expired' | 'Rejected' | 'Errors' {
  switch (state) {
    case SMS_QUEUED:
      return 'InProcess';
    case SMS_SENT:
      return 'Sent';
    case SMS_DELIVERED:
      return 'Delivered';
    case SMS_EXPIRED:
      return 'Expired';
    case 42:
    case 48:
    case 69:
      return 'Rejected';
    default:
      return 'Errors';
  }
}

export const VOICE_STATES = ['Отправляется', 'Отправлено', 'Прослушано', 'Не прослушано', 'Ошибка'] as const;
export const VOICE_SENDING = 0;
export const VOICE_SENT = 1;
export const VOICE_LISTENED = 2;
export const VOICE_NOT_LISTENED = 3;
export const VOICE_ERROR = 4;
export const isVoiceFinal = (state: number) => state >= VOICE_LISTENED;
