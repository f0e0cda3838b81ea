// The back office's JSON API. Operators may do everything; staff see kiosks and set sold
// out. Inputs are checked with zod and answered with a code and a message that says what
// is wrong and where; nothing a request sends can end the process.
import { z } from 'zod';
import { parseJsonText } from '../../common/menu/json-text';
import { isLocalDate } from './local-time';
import { BackOfficeError, type BackOffice } from './back-office';
import type { Auth, BackOfficeRole } from './auth';
import { CSV_REPORTS, reportCsv, type CsvReport } from './csv';
import { MAX_IMAGE_BYTES } from './images';
import type { RequestContext } from './http';
import { API_PREFIX, MAX_JSON_BYTES } from './paths';
import { diffMenus } from '../shared/menu-diff';

const signInInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
const draftInput = z.object({ menu: z.unknown(), baseVersion: z.string().nullable().default(null) }).strict();
const menuInput = z.object({ menu: z.unknown() }).strict();
const rollbackInput = z.object({ version: z.string().min(1).max(64) }).strict();
const soldOutInput = z.object({ soldOut: z.boolean(), keep: z.boolean().default(false) }).strict();
const MAX_RANGE_DAYS = 400;

const STATUS_OF: Record<BackOfficeError['code'], number> = { not_found: 404, conflict: 409, unavailable: 503, invalid: 422 };

export async function routeApi(context: RequestContext, backOffice: BackOffice, auth: Auth): Promise<void> {
  const { request, url, session } = context;
  const path = url.pathname.slice(API_PREFIX.length);
  const method = request.method ?? 'GET';

  const readJson = async <T extends z.ZodType>(schema: T): Promise<z.output<T> | null> => {
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      context.fail(415, 'bad_request', 'send JSON (Content-Type: application/json)');
      return null;
    }
    const parsed = parseJsonText((await context.body(MAX_JSON_BYTES)).toString('utf8'));
    if (!parsed.ok) {
      context.fail(400, 'bad_request', `not valid JSON: line ${parsed.line}, column ${parsed.column}: ${parsed.message}`);
      return null;
    }
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      context.fail(400, 'bad_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      return null;
    }
    return checked.data;
  };

  const allowed = (...roles: BackOfficeRole[]): boolean => {
    if (!session) {
      context.fail(401, 'signed_out', 'sign in first');
      return false;
    }
    if (!roles.includes(session.role)) {
      context.fail(403, 'forbidden', `${session.role} may not do this; ask an operator`);
      return false;
    }
    return true;
  };

  const range = (): { from: string; to: string } | null => {
    const from = url.searchParams.get('from') ?? '';
    const to = url.searchParams.get('to') ?? '';
    if (!isLocalDate(from) || !isLocalDate(to) || from > to) {
      context.fail(400, 'bad_request', 'give the dates as ?from=YYYY-MM-DD&to=YYYY-MM-DD, from not after to');
      return null;
    }
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) {
      context.fail(400, 'bad_request', `at most ${MAX_RANGE_DAYS} days at once`);
      return null;
    }
    return { from, to };
  };

  try {
    // ---- session
    if (path === 'session' && method === 'POST') {
      const input = await readJson(signInInput);
      if (!input) return;
      const result = await auth.signIn(input.username, input.password, request.socket.remoteAddress);
      if (!result.ok) {
        await backOffice.audit(input.username, 'sign_in_refused', { reason: result.reason });
        const [status, message] =
          result.reason === 'locked'
            ? [429, `${input.username} is locked out after repeated wrong passwords; try again in a few minutes`]
            : result.reason === 'not_allowed'
              ? [403, `${input.username} is not an operator or staff member of this store`]
              : [401, 'wrong name or password'];
        return context.fail(status, result.reason === 'wrong' ? 'wrong_password' : result.reason, message);
      }
      await backOffice.audit(input.username, 'signed_in', { role: result.session.role });
      context.setSessionCookie(result.session.id);
      return context.json(200, { username: result.session.username, role: result.session.role, csrfToken: result.session.csrfToken });
    }
    if (path === 'session' && method === 'GET') {
      if (!session) return context.fail(401, 'signed_out', 'not signed in');
      return context.json(200, { username: session.username, role: session.role, csrfToken: session.csrfToken });
    }
    if (path === 'session' && method === 'DELETE') {
      if (session) {
        auth.signOut(session.id);
        await backOffice.audit(session.username, 'signed_out');
      }
      context.setSessionCookie(null);
      return context.json(200, { signedOut: true });
    }

    // ---- state, draft, publishing
    if (path === 'state' && method === 'GET') {
      if (!allowed('operator', 'staff')) return;
      return context.json(200, await backOffice.state());
    }
    if (path === 'draft' && method === 'PUT') {
      if (!allowed('operator')) return;
      const input = await readJson(draftInput);
      if (!input) return;
      await backOffice.saveDraft(input.menu, session!.username, input.baseVersion);
      return context.json(200, { saved: true });
    }
    if (path === 'draft' && method === 'DELETE') {
      if (!allowed('operator')) return;
      await backOffice.discardDraft(session!.username);
      return context.json(200, { discarded: true });
    }
    if (path === 'check' && method === 'POST') {
      if (!allowed('operator')) return;
      const input = await readJson(menuInput);
      if (!input) return;
      const checked = backOffice.problems(input.menu);
      const published = (await backOffice.state()).published;
      return context.json(200, { errors: checked.errors, changes: checked.menu ? diffMenus(published?.menu ?? null, checked.menu) : [] });
    }
    if (path === 'publish' && method === 'POST') {
      if (!allowed('operator')) return;
      const input = await readJson(menuInput);
      if (!input) return;
      const result = await backOffice.publish(input.menu, session!.username);
      if (!result.ok) return context.fail(422, 'invalid_menu', `the menu cannot be published: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`, { errors: result.errors });
      return context.json(200, result);
    }
    if (path === 'rollback' && method === 'POST') {
      if (!allowed('operator')) return;
      const input = await readJson(rollbackInput);
      if (!input) return;
      return context.json(200, await backOffice.rollback(input.version, session!.username));
    }
    if (path === 'versions' && method === 'GET') {
      if (!allowed('operator')) return;
      return context.json(200, { versions: await backOffice.versions() });
    }
    const exported = /^versions\/([A-Za-z0-9_.+-]{1,64})\/menu\.json$/.exec(path);
    if (exported && method === 'GET') {
      if (!allowed('operator')) return;
      const menu = await backOffice.menuOfVersion(exported[1]!);
      if (!menu) return context.fail(404, 'not_found', `no menu version "${exported[1]}"`);
      return context.json(200, menu, { 'Content-Disposition': `attachment; filename="menu-${exported[1]}.json"` });
    }
    if (path === 'import' && method === 'POST') {
      if (!allowed('operator')) return;
      const parsed = parseJsonText((await context.body(MAX_JSON_BYTES)).toString('utf8'));
      if (!parsed.ok) return context.fail(422, 'invalid_menu', `the file is not valid JSON: line ${parsed.line}, column ${parsed.column}: ${parsed.message}`, { errors: [] });
      const checked = backOffice.problems(parsed.value);
      if (!checked.menu) return context.fail(422, 'invalid_menu', 'the file is not a valid menu', { errors: checked.errors });
      await backOffice.saveDraft(checked.menu, session!.username, null);
      await backOffice.audit(session!.username, 'menu_imported', { version: checked.menu.version, problems: checked.errors.length });
      return context.json(200, { imported: true, errors: checked.errors });
    }
    if (path === 'images' && method === 'POST') {
      if (!allowed('operator')) return;
      const encodedName = String(request.headers['x-file-name'] ?? 'image');
      let name: string;
      try {
        name = decodeURIComponent(encodedName);
      } catch {
        return context.fail(400, 'bad_request', 'the X-File-Name header is not a percent-encoded file name (encodeURIComponent)');
      }
      const saved = await backOffice.uploadImage(name, String(request.headers['content-type'] ?? ''), await context.body(MAX_IMAGE_BYTES), session!.username);
      if (!saved.ok) return context.fail(saved.status, 'bad_image', saved.message);
      return context.json(201, { path: saved.path });
    }

    // ---- sold out
    const soldOut = /^sold-out\/([a-z0-9][a-z0-9-]{0,63})$/.exec(path);
    if (soldOut && method === 'PUT') {
      if (!allowed('operator', 'staff')) return;
      const input = await readJson(soldOutInput);
      if (!input) return;
      await backOffice.setSoldOut(soldOut[1]!, input.soldOut, input.keep, session!.username);
      return context.json(200, { itemId: soldOut[1], soldOut: input.soldOut, keep: input.keep });
    }

    // ---- reports and audit
    if (path === 'reports' && method === 'GET') {
      if (!allowed('operator')) return;
      const dates = range();
      if (!dates) return;
      return context.json(200, await backOffice.report(dates));
    }
    const csv = /^reports\/([a-z-]+)\.csv$/.exec(path);
    if (csv && method === 'GET') {
      if (!allowed('operator')) return;
      if (!(CSV_REPORTS as readonly string[]).includes(csv[1]!)) return context.fail(404, 'not_found', `no report "${csv[1]}" (known: ${CSV_REPORTS.join(', ')})`);
      const dates = range();
      if (!dates) return;
      const text = reportCsv(csv[1] as CsvReport, await backOffice.report(dates));
      context.response.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${csv[1]}-${dates.from}-${dates.to}.csv"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      return void context.response.end(text);
    }
    if (path === 'audit' && method === 'GET') {
      if (!allowed('operator')) return;
      return context.json(200, { entries: await backOffice.auditLog(200) });
    }
    return context.fail(404, 'not_found', `no API ${method} ${url.pathname}`);
  } catch (error) {
    if (error instanceof BackOfficeError) return context.fail(STATUS_OF[error.code], error.code, error.message);
    throw error;
  }
}
