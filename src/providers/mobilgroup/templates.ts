// Templates: texts kept per client of the user's CRM (`account`), listed by /get/ and written by
// /set/ with a result per template. Ids are numbers counted per API account.
import { fail } from './errors.js';
import type { MobilgroupStore, TemplateRecord } from './store.js';
import { credentialsRead, SetRequest, type SetTemplatesResponse, type TemplatesResponse } from './schemas.js';
import { safeParseCompiled } from '../../core/compiledSchema.js';
import { own } from '../../core/own.js';

const SetBody = SetRequest.extend(credentialsRead);

const byNumericId = (a: TemplateRecord, b: TemplateRecord) => Number(a.id) - Number(b.id);

export function listTemplates(store: MobilgroupStore, apiAccount: string, crmAccount: string | undefined, id: string | undefined): TemplatesResponse {
  const crm = crmAccount?.trim() ?? '';
  // /get/'s table has no Account_field_is_empty (a /set/ code): its closest is Error_Unknown_Request.
  if (crm === '') throw fail('Error_Unknown_Request');
  const items = store.templates(apiAccount).items;
  const wanted = id?.trim() ? [own(items, id.trim())].filter((t) => t !== undefined) : Object.values(items);
  const data = wanted.filter((t) => t.account === crm).sort(byNumericId).map((t) => ({ ...t }));
  return { result: 'ok', data };
}

export function setTemplates(store: MobilgroupStore, apiAccount: string, body: Record<string, unknown>): SetTemplatesResponse {
  const parsed = safeParseCompiled(SetBody, body);
  if (!parsed.success) {
    const accountIssue = parsed.error.issues.some((i) => i.path[0] === 'account');
    throw fail(accountIssue ? 'Account_field_is_empty' : 'Unknown_Request');
  }
  const { request, account, templates } = parsed.data;
  if (request?.trim().toLowerCase() !== 'templates') throw fail('Unknown_Request');
  const crm = account?.trim() ?? '';
  if (crm === '') throw fail('Account_field_is_empty');

  const book = store.templates(apiAccount);
  const results = templates.map((t) => {
    const id = t.id?.trim() ?? '';
    const name = t.name ?? '';
    const message = t.message ?? '';
    const echo = (result: string, echoId = id) => ({ result, id: echoId, name, message });
    const existing = id === '' ? undefined : own(book.items, id);
    // Another CRM client's template is as good as missing.
    if (id !== '' && (!existing || existing.account !== crm)) return echo('Template_not_found');
    if (name.trim() === '') return echo('Name_field_is_empty');
    if (message.trim() === '') return echo('Message_field_is_empty');
    if (existing) {
      existing.name = name;
      existing.message = message;
      return echo('ok');
    }
    const created: TemplateRecord = { id: String(book.nextId++), account: crm, name, message };
    book.items[created.id] = created;
    return echo('ok', created.id);
  });
  store.templatesChanged(apiAccount);
  return { result: 'ok', account_id: crm, templates: results };
}
