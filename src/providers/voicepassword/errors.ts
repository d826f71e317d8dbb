// VoicePassword's error catalogue and envelope: `{"result":"error","error_code":"…"}`, sent with
// HTTP 200 because public clients treat any other status as a transport failure.
import type { ProviderErrors } from '../../core/context.js';
import { errorCatalogue } from '../../core/errorCatalogue.js';
import type { ErrorEnvelope } from '../../core/pipeline.js';

export const VOICEPASSWORD_ERRORS = {
  unknown_request: 'Ошибочный запрос',
  authorisation_failed: 'Ошибка авторизации',
  user_disabled: 'Ваш аккаунт заблокирован',
  number_is_empty: 'Некорректно указан номер абонента',
  number_not_valid: 'Не удалось определить направление',
  number_not_permitted: 'Звонки на данное направление запрещены',
  number_in_spam_list: 'Номер занесен в СПАМ лист',
  not_enough_money: 'Недостаточно средств',
  ani_phone_not_valid: 'Указан не прописанный в ЛК номер телефона',
  code_not_valid: 'Некорректно указан код',
  ID_Not_Found: 'Неверный идентификатор запроса',
  Date_is_Empty: 'В запросе не указана дата',
} as const;

export type VoicePasswordErrorCode = keyof typeof VOICEPASSWORD_ERRORS;

export class VoicePasswordError extends Error {
  constructor(
    readonly code: VoicePasswordErrorCode,
    /** 200 for every provider error; 413 and 404 for an oversized body and an unknown route. */
    readonly status = 200,
  ) {
    super(VOICEPASSWORD_ERRORS[code]);
    this.name = 'VoicePasswordError';
  }

  get body() {
    return { result: 'error' as const, error_code: this.code };
  }
}

export const fail = (code: VoicePasswordErrorCode) => new VoicePasswordError(code);

/** The catalogue for scenarios; the envelope carries only the code. */
export const voicePasswordErrors: ProviderErrors = errorCatalogue(
  Object.entries(VOICEPASSWORD_ERRORS).map(([code, description]) => ({ code: code as VoicePasswordErrorCode, description, status: 200 })),
  (entry) => ({ status: 200, body: fail(entry.code).body }),
);

/** HTTP 200 for what the platform refuses, except an oversized body (413), an unknown route (404) and a failure (500). */
export const voicePasswordEnvelope: ErrorEnvelope = {
  own: (err) => (err instanceof VoicePasswordError ? { status: err.status, body: err.body } : undefined),
  framework(err) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: fail('unknown_request').body };
    const status = err.statusCode ?? 500;
    return { status: status >= 400 && status < 500 ? 200 : 500, body: fail('unknown_request').body };
  },
  notFound: () => ({ status: 404, body: fail('unknown_request').body }),
};

/** Which error a malformed field earns: the field's own error where the spec has one. */
export function errorForField(path: readonly PropertyKey[]): VoicePasswordErrorCode {
  const [section, field] = path.map(String);
  if (section === 'number') return 'number_is_empty';
  if (section === 'security') return 'authorisation_failed';
  if (section === 'capacity') return 'code_not_valid';
  if ((section === 'voice' || section === 'flashcall') && field === 'code') return 'code_not_valid';
  if (section === 'voice' && (field === 'ani' || field === 'api')) return 'ani_phone_not_valid';
  // ID_Not_Found is a /get/ code: /send/'s table has only unknown_request for a bad SMS fallback id.
  return 'unknown_request';
}
