// Texts people send: notifications of several lengths and alphabets, and subscribers' replies in
// Russian. Built from faker's names and places so no two runs of different seeds read alike.
import type { Faker } from '@faker-js/faker';

export type SmsAlphabet = 'cyrillic' | 'latin';
export type SmsLength = 'short' | 'long';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A notification SMS: short ones fit one segment, long ones need several (70/160 characters per segment). */
export function smsText(faker: Faker, alphabet: SmsAlphabet, length: SmsLength): string {
  const code = pad(faker.number.int({ min: 0, max: 9999 }), 4);
  const order = faker.number.int({ min: 10_000, max: 999_999 });
  const amount = faker.number.int({ min: 100, max: 50_000 });
  const hour = pad(faker.number.int({ min: 9, max: 20 }), 2);
  const name = faker.person.firstName();
  if (alphabet === 'latin') {
    const short = faker.helpers.arrayElement([
      `Your code: ${code}`,
      `Order ${order} is ready for pickup`,
      `Payment of ${amount} RUB received. Thank you!`,
      `Code ${code}. Do not share it with anyone.`,
    ]);
    if (length === 'short') return short;
    return `${short}. Order ${order} will be delivered tomorrow between ${hour}:00 and ${Number(hour) + 3}:00. Track it in the app or call us; reply STOP to unsubscribe from these messages.`;
  }
  const company = faker.company.name();
  const short = faker.helpers.arrayElement([
    `Код подтверждения: ${code}`,
    `${name}, заказ №${order} готов к выдаче`,
    `Оплата ${amount} руб. получена`,
    `Запись на завтра в ${hour}:00 подтверждена`,
  ]);
  if (length === 'short') return short;
  return `${short}. ${name}, напоминаем: курьер ${company} привезёт заказ №${order} завтра с ${hour}:00 до ${Number(hour) + 3}:00 по адресу ${faker.location.city()}, ${faker.location.street()}. Ответьте НЕТ, чтобы перенести доставку.`;
}

/** What a subscriber writes back to a notification, in Russian. */
export function replyText(faker: Faker): string {
  const name = faker.person.firstName();
  return faker.helpers.arrayElement([
    'Да',
    'Нет',
    'Спасибо!',
    'Подтверждаю',
    'Перенесите, пожалуйста, на завтра',
    'Перезвоните мне после обеда',
    `Это ${name}, заказ заберу вечером`,
    `Спасибо, ${name} получил(а)`,
    'Отмените запись',
    'СТОП',
    `Буду в ${faker.location.city()} только в пятницу`,
  ]);
}

/** A voice message text for a broadcast or a call's speech synthesis. */
export function speechText(faker: Faker): string {
  const name = faker.person.firstName();
  const company = faker.company.name();
  return faker.helpers.arrayElement([
    `Здравствуйте, ${name}! ${company} напоминает о записи на завтра.`,
    `Здравствуйте! Ваш заказ в ${company} готов к выдаче.`,
    `${name}, у вас задолженность ${faker.number.int({ min: 100, max: 9_000 })} рублей. Пожалуйста, оплатите её до конца месяца.`,
    `Добрый день! ${company} приглашает вас на бесплатную консультацию.`,
  ]);
}
