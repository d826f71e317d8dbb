import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../helpers/useSimulator.js';
import { get, post, SMS_KEY } from './client.js';

const error = (code: string) => ({ result: 'error', error_code: code });

describe('mobilgroup /get/ reference data', () => {
  const s = useSimulator();

  it('answers balance with a decimal comma, and follows balance edits', async () => {
    expect(await get(s, { request: 'balance' })).toEqual({ result: 'ok', balance: '273,50', currency: 'Rub' });
    s.sim.ctx.accounts.setBalance('mobilgroup', 'demo', 1234.5);
    expect((await get(s, { request: 'balance' })).balance).toBe('1234,50');
  });

  it('lists scripts, phrases and numbers as the spec shows them', async () => {
    expect(await get(s, { request: 'scripts' })).toEqual({
      result: 'ok',
      data: [
        { id: '1', name: 'Скрипт 1', duration: '25' },
        { id: '2', name: 'Скрипт 2', duration: '14' },
        { id: '3', name: 'Скрипт с переводом на оператора', duration: '20' },
      ],
    });
    expect(await get(s, { request: 'phrases' })).toEqual({
      result: 'ok',
      data: [
        { id: '1', name: 'Фраза 1', duration: '25' },
        { id: '2', name: 'Фраза 2', duration: '14' },
      ],
    });
    expect(await get(s, { request: 'numbers' })).toEqual({
      result: 'ok',
      data: [
        { number: '74951234567', description: 'Основной номер' },
        { number: '78001234567', description: 'Бесплатная линия' },
      ],
    });
    // Each account sees its own.
    expect((await get(s, { request: 'phrases' }, SMS_KEY)).data).toEqual([{ id: '1', name: 'Фраза 1', duration: '25' }]);
  });

  it('answers Error_Unknown_Request for a missing or unknown request and Error_ID_Not_Found for a bad id', async () => {
    expect(await get(s, {})).toEqual(error('Error_Unknown_Request'));
    expect(await get(s, { request: 'stats' })).toEqual(error('Error_Unknown_Request'));
    expect(await get(s, { request: { kind: 'balance' } })).toEqual(error('Error_Unknown_Request'));
    expect(await get(s, { request: 'state' })).toEqual(error('Error_ID_Not_Found'));
    expect(await get(s, { request: 'state', id: '999999' })).toEqual(error('Error_ID_Not_Found'));
    expect(await get(s, { request: 'state', id: 'Идентификатор рассылки' })).toEqual(error('Error_ID_Not_Found'));
  });

  it('lists templates of one CRM client, or one template by id', async () => {
    const one = { id: '1', account: '123', name: 'Шаблон №1', message: 'Текст шаблона' };
    expect(await get(s, { request: 'templates', account: '123' })).toEqual({ result: 'ok', data: [one] });
    expect(await get(s, { request: 'templates', account: 123, id: 1 })).toEqual({ result: 'ok', data: [one] });
    expect(await get(s, { request: 'templates', account: '123', id: '7' })).toEqual({ result: 'ok', data: [] });
    expect(await get(s, { request: 'templates', account: '456' })).toEqual({ result: 'ok', data: [] });
    // Account_field_is_empty is a /set/ code; /get/'s table only has Error_Unknown_Request for it.
    expect(await get(s, { request: 'templates' })).toEqual(error('Error_Unknown_Request'));
    // Another API account has its own templates.
    expect(await get(s, { request: 'templates', account: '123' }, SMS_KEY)).toEqual({ result: 'ok', data: [] });
  });
});

describe('mobilgroup /set/ templates', () => {
  const s = useSimulator();

  it("answers the spec's example with its exact result per template", async () => {
    const body = await post(s, 'set', {
      request: 'templates',
      account: '123',
      templates: [
        { id: '1', name: 'Шаблон №1', message: 'Текст первого шаблона' },
        { id: '', name: 'Шаблон №2', message: 'Текст второго шаблона' },
        { id: '7', name: 'Шаблон №3', message: 'Текст третьего шаблона' },
      ],
    });
    expect(body).toEqual({
      result: 'ok',
      account_id: '123',
      templates: [
        { result: 'ok', id: '1', name: 'Шаблон №1', message: 'Текст первого шаблона' },
        { result: 'ok', id: '2', name: 'Шаблон №2', message: 'Текст второго шаблона' },
        { result: 'Template_not_found', id: '7', name: 'Шаблон №3', message: 'Текст третьего шаблона' },
      ],
    });
    expect(await get(s, { request: 'templates', account: '123' })).toEqual({
      result: 'ok',
      data: [
        { id: '1', account: '123', name: 'Шаблон №1', message: 'Текст первого шаблона' },
        { id: '2', account: '123', name: 'Шаблон №2', message: 'Текст второго шаблона' },
      ],
    });
  });

  it('reports empty names and texts per template, and keeps CRM clients apart', async () => {
    const body = await post(s, 'set', {
      request: 'templates',
      account: '456',
      templates: [
        { name: '', message: 'Текст' },
        { name: 'Имя', message: ' ' },
        { id: '1', name: 'Чужой', message: 'Текст' },
        { name: 'Новый', message: 'Текст нового' },
      ],
    });
    expect(body.templates).toEqual([
      { result: 'Name_field_is_empty', id: '', name: '', message: 'Текст' },
      { result: 'Message_field_is_empty', id: '', name: 'Имя', message: ' ' },
      { result: 'Template_not_found', id: '1', name: 'Чужой', message: 'Текст' },
      { result: 'ok', id: '2', name: 'Новый', message: 'Текст нового' },
    ]);
    expect((await get(s, { request: 'templates', account: '123' })).data[0].name).toBe('Шаблон №1');
  });

  it('refuses a request that is not about templates or names no client', async () => {
    expect(await post(s, 'set', { request: 'scripts', account: '123', templates: [] })).toEqual(error('Unknown_Request'));
    expect(await post(s, 'set', { account: '123', templates: [] })).toEqual(error('Unknown_Request'));
    expect(await post(s, 'set', { request: 'templates', account: '123' })).toEqual(error('Unknown_Request'));
    expect(await post(s, 'set', { request: 'templates', account: '123', templates: 'x' })).toEqual(error('Unknown_Request'));
    expect(await post(s, 'set', { request: 'templates', account: '', templates: [] })).toEqual(error('Account_field_is_empty'));
    expect(await post(s, 'set', { request: 'templates', templates: [] })).toEqual(error('Account_field_is_empty'));
    expect(await post(s, 'set', { request: 'templates', account: { id: 1 }, templates: [] })).toEqual(error('Account_field_is_empty'));
    expect(await post(s, 'set', { request: 'templates', account: '123', templates: [] })).toEqual({ result: 'ok', account_id: '123', templates: [] });
  });
});
