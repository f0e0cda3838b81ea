// The back office's work, behind its HTTP API: the menu draft, validation, publishing and
// rolling back (the retained `menu` message), sold out (the retained `availability`
// message, ending at closing time unless kept), kiosks and their menu versions, reports,
// and the audit log. Whoever signs in is recorded in the audit log with what they did.
import { existsSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { checkMenuAgainstStore, validateMenu, type ValidationError } from '../../common/menu/validate';
import { menuContentHash } from '../../common/menu/content-version';
import { storeTopics, type AvailabilityMessage } from '../../common/store-bus/messages';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import { diffMenus } from '../shared/menu-diff';
import type { BackOfficeBus } from './bus';
import { nextClosing } from './closing-time';
import type { BackOfficeDatabase } from './db/open';
import { createRecorder, pruneOldEvents } from './ingest';
import { currentPublication, listVersions, menuOfVersion, nextVersionName, recordMenuVersion } from './menu-versions';
import { fullReport, type DateRange } from './reports';
import { saveMenuImage } from './images';

export interface BackOfficeOptions {
  store: StoreConfig;
  database: BackOfficeDatabase;
  /** The kiosk's menu file: the first known version, and its folder holds the images. */
  menuPath: string;
  /** The back office's own store bus user (it signs the availability message). */
  busUsername: string;
  /** "HH:MM" in the store's time zone: sold out ends then, unless kept. */
  closingTime: string;
  /** Events older than this are removed. */
  retentionDays: number;
  log?: Logger;
  now?: () => number;
}

export type PublishResult = { ok: true; version: string; summary: string[] } | { ok: false; errors: ValidationError[] };

export class BackOfficeError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'unavailable' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 60 * 60_000;

export function createBackOffice(options: BackOfficeOptions) {
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const { db } = options.database;
  const { store } = options;
  const topics = storeTopics(store.storeId);
  const menuDir = dirname(resolve(options.menuPath));
  let bus: BackOfficeBus | null = null;
  /** The latest menu the broker delivered since the bus connected (null: none yet). */
  let retainedMenuVersion: string | null = null;
  let defaults = new Set<string>();
  let closingTimer: ReturnType<typeof setTimeout> | undefined;
  let pruneTimer: ReturnType<typeof setInterval> | undefined;

  const refreshDefaults = async () => {
    const current = await currentPublication(db);
    defaults = new Set(current?.menu.optionGroups.flatMap((group) => group.options.filter((option) => option.isDefault).map((option) => `${group.id}/${option.id}`)) ?? []);
  };

  /** The latest availability on the bus (retained): what the back office's own change starts from. */
  let seenAvailability: AvailabilityMessage | null = null;
  const recorder = createRecorder({
    db,
    store: store.storeId,
    timezone: store.timezone,
    isDefaultOption: (groupId, optionId) => defaults.has(`${groupId}/${optionId}`),
    onChange: (kind) => {
      if (kind === 'menu') void refreshDefaults();
    },
    onMenu: (version) => {
      retainedMenuVersion = version;
    },
    onAvailability: (message) => {
      seenAvailability = message;
    },
    log,
    now,
  });

  const audit = async (actor: string, action: string, detail?: Record<string, unknown>) => {
    await db.insertInto('audit_log').values({ id: randomUUID(), at: now(), actor, action, detail: detail ? JSON.stringify(detail) : null }).execute();
    log.info({ event: 'back_office_audit', actor, action, ...detail }, action);
  };

  const requireBus = (): BackOfficeBus => {
    if (!bus?.online) throw new BackOfficeError('unavailable', 'the store bus is not connected; try again in a moment');
    return bus;
  };

  /** Everything a kiosk would check, plus that each image exists in the menu's folder. */
  const problems = (candidate: unknown): { menu: Menu | null; errors: ValidationError[] } => {
    const checked = validateMenu(candidate);
    if (!checked.ok) return { menu: null, errors: checked.errors };
    const errors = checkMenuAgainstStore(checked.menu, store);
    const entries = [
      ...checked.menu.categories.map((entry, index) => ({ image: entry.image, path: `$.categories[${index}].image` })),
      ...checked.menu.items.map((entry, index) => ({ image: entry.image, path: `$.items[${index}].image` })),
      ...checked.menu.meals.map((entry, index) => ({ image: entry.image, path: `$.meals[${index}].image` })),
    ];
    for (const { image, path } of entries) {
      const file = resolve(menuDir, image);
      if (!file.startsWith(menuDir + sep) || !existsSync(file)) errors.push({ path, message: `image not found: ${image} (upload it first)` });
    }
    return { menu: checked.menu, errors };
  };

  const publishMenu = async (menu: Menu, at: number) => {
    const message = { menuVersion: menu.version, publishedAt: new Date(at).toISOString(), menu };
    await requireBus().publishRetained(topics.menu, JSON.stringify(message));
  };

  const soldOutIds = async () => (await db.selectFrom('sold_out').select('item_id').orderBy('item_id').execute()).map((row) => row.item_id);

  const publishAvailability = async (soldOut: string[]) => {
    // The back office sets items and meals; the options and categories staff marked on the console stay.
    const message: AvailabilityMessage = {
      soldOut,
      soldOutOptions: seenAvailability?.soldOutOptions ?? [],
      soldOutCategories: seenAvailability?.soldOutCategories ?? [],
      by: { role: 'operator', name: options.busUsername },
      at: new Date(now()).toISOString(),
    };
    await requireBus().publishRetained(topics.availability, JSON.stringify(message));
  };

  const closeForTheDay = async () => {
    const kept = await db.selectFrom('sold_out').select('item_id').where('keep', '=', 1).execute();
    const before = await soldOutIds();
    const after = kept.map((row) => row.item_id).sort();
    if (before.length === after.length) return;
    await publishAvailability(after);
    await db.deleteFrom('sold_out').where('keep', '=', 0).execute();
    await audit('closing time', 'sold_out_ended', { ended: before.filter((id) => !after.includes(id)), kept: after });
  };

  const armClosing = () => {
    clearTimeout(closingTimer);
    const at = nextClosing(new Date(now()), options.closingTime, store.timezone);
    closingTimer = setTimeout(
      () => {
        closeForTheDay()
          .catch((error: unknown) => log.error({ event: 'back_office_closing_failed', error: String(error) }, 'sold out could not be ended at closing time'))
          .finally(armClosing);
      },
      Math.max(1000, at.getTime() - now()),
    );
    closingTimer.unref();
  };

  return {
    recorder,
    problems,
    audit,

    /** Seeds the first version from the menu file, arms closing time and retention. */
    async start(fileMenu: Menu | null): Promise<void> {
      if (fileMenu) {
        const known = await db.selectFrom('menu_versions').select('version').where('version', '=', fileMenu.version).executeTakeFirst();
        if (!known) await recordMenuVersion(db, { menu: fileMenu, by: 'menu file', at: now(), kind: 'menu_file' });
      }
      await refreshDefaults();
      armClosing();
      const prune = () =>
        pruneOldEvents(db, now() - options.retentionDays * DAY_MS).then(
          (removed) => removed.events + removed.handoffs > 0 && log.info({ event: 'back_office_events_pruned', ...removed }, 'old events removed'),
          (error: unknown) => log.error({ event: 'back_office_prune_failed', error: String(error) }, 'old events could not be removed'),
        );
      await prune();
      pruneTimer = setInterval(() => void prune(), 6 * 60 * 60_000);
      pruneTimer.unref();
    },

    attachBus(connected: BackOfficeBus): void {
      bus = connected;
      connected.onConnect(() => {
        retainedMenuVersion = null;
      });
    },

    /**
     * After connecting (and the broker's retained messages came in): when the broker holds no
     * menu although the back office published one (an embedded broker restarted with its
     * kiosk), the current version goes out again so kiosks come back to it. What is sold out is
     * not sent again from here: the broker's retained messages may still be on their way (a day of
     * orders comes first), and an older list would overwrite what staff marked meanwhile; the
     * embedded broker keeps it across restarts (retained-store.ts).
     */
    async republishIfLost(): Promise<void> {
      const current = await currentPublication(db);
      if (current && (current.kind === 'publish' || current.kind === 'rollback') && retainedMenuVersion === null) {
        await publishMenu(current.menu, now());
        log.info({ event: 'back_office_menu_republished', version: current.version }, 'the broker had no menu; republished the current version');
      }
    },

    async state() {
      const published = await currentPublication(db);
      const draft = await db.selectFrom('menu_draft').selectAll().where('id', '=', store.storeId).executeTakeFirst();
      const kiosks = await db.selectFrom('kiosks').selectAll().orderBy('kiosk_id').execute();
      const soldOut = await db.selectFrom('sold_out').selectAll().orderBy('item_id').execute();
      const online = kiosks.filter((kiosk) => kiosk.state === 'online');
      return {
        store: { id: store.storeId, name: store.storeName, timezone: store.timezone, currency: store.currency, locale: store.locale, taxClasses: Object.keys(store.tax.classes) },
        busOnline: bus?.online ?? false,
        closingTime: options.closingTime,
        published: published ? { version: published.version, menu: published.menu, publishedAt: published.publishedAt, publishedBy: published.publishedBy } : null,
        draft: draft ? { menu: JSON.parse(draft.menu) as unknown, baseVersion: draft.base_version, updatedAt: draft.updated_at, updatedBy: draft.updated_by } : null,
        kiosks: kiosks.map((kiosk) => ({
          kioskId: kiosk.kiosk_id,
          state: kiosk.state,
          menuVersion: kiosk.menu_version,
          printer: kiosk.printer,
          terminal: kiosk.terminal,
          at: kiosk.at,
        })),
        rollout: published ? { version: published.version, done: online.filter((kiosk) => kiosk.menu_version === published.version).length, online: online.length } : null,
        soldOut: soldOut.map((row) => ({ itemId: row.item_id, since: row.since, by: row.by, keep: row.keep === 1 })),
      };
    },

    async saveDraft(menu: unknown, by: string, baseVersion: string | null): Promise<void> {
      const row = { id: store.storeId, menu: JSON.stringify(menu), base_version: baseVersion, updated_at: now(), updated_by: by };
      await db.insertInto('menu_draft').values(row).onConflict((conflict) => conflict.column('id').doUpdateSet(row)).execute();
    },

    async discardDraft(by: string): Promise<void> {
      await db.deleteFrom('menu_draft').where('id', '=', store.storeId).execute();
      await audit(by, 'draft_discarded');
    },

    /** Validates, assigns the next version, publishes it retained, and records it. An invalid menu never goes out. */
    async publish(candidate: unknown, by: string): Promise<PublishResult> {
      const checked = problems(candidate);
      if (!checked.menu || checked.errors.length > 0) return { ok: false, errors: checked.errors };
      const published = await currentPublication(db);
      if (published && menuContentHash(published.menu) === menuContentHash(checked.menu)) {
        throw new BackOfficeError('conflict', `nothing to publish: the menu is the same as version ${published.version}`);
      }
      const at = now();
      const menu: Menu = { ...checked.menu, version: await nextVersionName(db, at, store.timezone) };
      const summary = diffMenus(published?.menu ?? null, menu);
      await publishMenu(menu, at);
      await recordMenuVersion(db, { menu, by, at, kind: 'publish' });
      await db.deleteFrom('menu_draft').where('id', '=', store.storeId).execute();
      await refreshDefaults();
      await audit(by, 'menu_published', { version: menu.version, summary });
      return { ok: true, version: menu.version, summary };
    },

    /** Puts an earlier version back on the bus as it was (the kiosks take it between customers). */
    async rollback(version: string, by: string): Promise<{ version: string; summary: string[] }> {
      const menu = await menuOfVersion(db, version);
      if (!menu) throw new BackOfficeError('not_found', `no menu version "${version}"`);
      const published = await currentPublication(db);
      if (published?.version === version) throw new BackOfficeError('conflict', `version ${version} is already the published one`);
      const checked = problems(menu);
      if (checked.errors.length > 0) throw new BackOfficeError('invalid', `version ${version} no longer passes the checks: ${checked.errors[0]!.path}: ${checked.errors[0]!.message}`);
      const at = now();
      await publishMenu(menu, at);
      await recordMenuVersion(db, { menu, by, at, kind: 'rollback' });
      // A draft with no changes of its own is the menu just rolled back: the editor starts from the
      // one published now, or the next publish would bring back what was rolled back. A draft with
      // edits is kept (the editor says what it was started from).
      const draft = await db.selectFrom('menu_draft').select('menu').where('id', '=', store.storeId).executeTakeFirst();
      if (draft && published && menuContentHash(JSON.parse(draft.menu) as Menu) === menuContentHash(published.menu)) {
        await db.deleteFrom('menu_draft').where('id', '=', store.storeId).execute();
      }
      await refreshDefaults();
      const summary = diffMenus(published?.menu ?? null, menu);
      await audit(by, 'menu_rolled_back', { version, summary });
      return { version, summary };
    },

    versions: () => listVersions(db),
    menuOfVersion: (version: string) => menuOfVersion(db, version),

    async setSoldOut(itemId: string, soldOut: boolean, keep: boolean, by: string): Promise<void> {
      const current = await soldOutIds();
      const next = soldOut ? [...new Set([...current, itemId])].sort() : current.filter((id) => id !== itemId);
      if (next.length !== current.length) await publishAvailability(next);
      if (soldOut) {
        const row = { item_id: itemId, since: now(), by, keep: keep ? 1 : 0 };
        await db.insertInto('sold_out').values(row).onConflict((conflict) => conflict.column('item_id').doUpdateSet({ keep: row.keep, by })).execute();
      } else await db.deleteFrom('sold_out').where('item_id', '=', itemId).execute();
      await audit(by, soldOut ? 'sold_out' : 'back_on_sale', { itemId, ...(soldOut ? { keep } : {}) });
    },

    closeForTheDay,

    async uploadImage(name: string, contentType: string, bytes: Buffer, by: string) {
      const saved = saveMenuImage(menuDir, name, contentType, bytes);
      if (saved.ok) await audit(by, 'image_uploaded', { path: saved.path, bytes: bytes.length });
      return saved;
    },

    menuDir,

    report: (range: DateRange) => fullReport(db, range),

    async auditLog(limit: number) {
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').limit(limit).execute();
      return rows.map((row) => ({ at: row.at, actor: row.actor, action: row.action, detail: row.detail ? (JSON.parse(row.detail) as unknown) : null }));
    },

    close(): void {
      clearTimeout(closingTimer);
      clearInterval(pruneTimer);
    },
  };
}

export type BackOffice = ReturnType<typeof createBackOffice>;
