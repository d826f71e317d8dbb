// Mobilgroup's error catalogue and envelope: `{"result":"error","error_code":"…"}`, always with
// HTTP 200 (the platform's PHP clients treat any other status as a transport failure), except an
// oversized body (413) and an unknown route (404).
import type { ProviderErrors } from '../../core/context.js';
import { errorCatalogue } from '../../core/errorCatalogue.js';
import type { ErrorEnvelope } from '../../core/pipeline.js';
import type { FastifyRequest } from 'fastify';
import type { ErrorResponse } from './schemas.js';

export const MOBILGROUP_ERRORS = {
  // From the spec's tables.
  Error_Authorisation_Failed: 'Ошибка авторизации',
  Error_User_Disabled: 'Ваш аккаунт заблокирован',
  Error_No_AniPhone: 'Некорректно указан номер отправителя',
  Error_No_Message: 'В запросе отсутствует текст сообщения',
  Error_No_Subscribers: 'В запросе отсутствуют номера абонентов',
  Error_Not_Enough_Credits: 'Недостаточно средств',
  Error_Not_TTS_File: 'Ошибка формирования звукового файла',
  Error_Not_Media_File: 'Звуковой файл не найден',
  Error_Message_Too_Long: 'Сообщение превышает допустимое количество символов',
  Error_Unknown_Request: 'Ваш запрос не распознан',
  Error_ID_Not_Found: 'Идентификатор рассылки указан некорректно',
  // /set/ writes its codes without the Error_ prefix.
  Unknown_Request: 'Ваш запрос не распознан',
  Account_field_is_empty: 'Пустое поле «Идентификатор клиента»',
  Name_field_is_empty: 'Пустое поле «Наименование шаблона»',
  Message_field_is_empty: 'Пустое поле «Текст шаблона»',
  Template_not_found: 'Шаблон не найден',
  // Per subscriber in a /send/ answer (the spec shows it).
  Error_Not_Enough_Money: 'Недостаточно средств для звонка абоненту',
  // Nothing else: a limit the spec states without naming a code gets the closest code of its
  // operation's own table (docs/fidelity.md, "Only documented codes").
} as const;

export type MobilgroupErrorCode = keyof typeof MOBILGROUP_ERRORS;

export class MobilgroupError extends Error {
  constructor(
    readonly code: MobilgroupErrorCode,
    readonly status = 200,
  ) {
    super(MOBILGROUP_ERRORS[code]);
    this.name = 'MobilgroupError';
  }

  get body(): ErrorResponse {
    return { result: 'error', error_code: this.code };
  }
}

export const fail = (code: MobilgroupErrorCode, status?: number) => new MobilgroupError(code, status);

/** The catalogue for scenarios; the envelope carries only the code, so a message is not shown. */
export const mobilgroupErrors: ProviderErrors = errorCatalogue(
  Object.entries(MOBILGROUP_ERRORS).map(([code, description]) => ({ code: code as MobilgroupErrorCode, description, status: 200 })),
  (entry) => ({ status: 200, body: fail(entry.code).body }),
);

/**
 * A body the platform could not use, in each operation's own words: /get/ "Error_Unknown_Request", /set/
 * "Unknown_Request"; /send/'s table has neither, and an oversized broadcast is closest to
 * Error_Message_Too_Long.
 */
function unusableBody(request: FastifyRequest) {
  const operation = request.routeOptions.config.operation;
  return fail(operation === 'set' ? 'Unknown_Request' : operation === 'send' ? 'Error_Message_Too_Long' : 'Error_Unknown_Request').body;
}

/** HTTP 200 for what the platform refuses, except an oversized body (413), an unknown route (404) and a failure (500). */
export const mobilgroupEnvelope: ErrorEnvelope = {
  own: (err) => (err instanceof MobilgroupError ? { status: err.status, body: err.body } : undefined),
  framework(err, request) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: unusableBody(request) };
    if (err.statusCode !== undefined && err.statusCode < 500) return { status: 200, body: unusableBody(request) };
    return { status: 500, body: unusableBody(request) };
  },
  notFound: () => ({ status: 404, body: fail('Error_Unknown_Request').body }),
};
