import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../src/core/errorCatalogue.js';
import { devinoErrors } from '../../src/providers/devino/errors.js';
import { mobilgroupErrors } from '../../src/providers/mobilgroup/errors.js';
import { unibellErrors } from '../../src/providers/unibell/errors.js';
import { voicePasswordErrors } from '../../src/providers/voicepassword/errors.js';

describe('errorCatalogue', () => {
  const catalogue = errorCatalogue(
    [
      { code: '5', name: 'NotEnoughCredits', description: 'Not enough credits', status: 403 },
      { code: '8', name: 'Internal', description: 'first', status: 500 },
      { code: '9', name: 'Internal', description: 'second', status: 500 },
    ],
    (entry, message) => ({ status: entry.status, body: { code: entry.code, text: message ?? entry.description } }),
  );

  it('finds an entry by code or by name, case-insensitively and with spaces around', () => {
    expect(catalogue.render('5')).toEqual({ status: 403, body: { code: '5', text: 'Not enough credits' } });
    expect(catalogue.render('  notenoughcredits ', 'custom')).toEqual({ status: 403, body: { code: '5', text: 'custom' } });
  });

  it('takes the first entry when two share a name, and knows nothing else (not even __proto__)', () => {
    expect(catalogue.render('INTERNAL')?.body).toEqual({ code: '8', text: 'first' });
    expect(catalogue.render('__proto__')).toBeUndefined();
    expect(catalogue.render('constructor')).toBeUndefined();
  });

  it('lists the table as the admin API shows it', () => {
    expect(catalogue.list[0]).toEqual({ code: '5', name: 'NotEnoughCredits', description: 'Not enough credits', status: 403 });
  });

  it("renders each provider's errors in its own envelope", () => {
    expect(devinoErrors.render('notenoughcredits')).toEqual({
      status: 403,
      body: { Code: 5, Desc: 'Not enough credits' },
      headers: { 'cache-control': 'private', 'content-type': 'application/json; charset=utf-8' },
    });
    expect(mobilgroupErrors.render('error_user_disabled')).toEqual({ status: 200, body: { result: 'error', error_code: 'Error_User_Disabled' } });
    expect(voicePasswordErrors.render('ID_NOT_FOUND')).toEqual({ status: 200, body: { result: 'error', error_code: 'ID_Not_Found' } });
    expect(unibellErrors.render('rpcerror', 'down')).toEqual({ status: 502, body: { status: 'rpcError', errorReason: 'down' } });
  });
});
