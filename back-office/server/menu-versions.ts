// The menu versions the back office knows: each one it published or saw published on
// the store bus, with a summary of what changed, and each time a version went out
// (publish, roll back). Versions are assigned here, never kept by hand.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { menuContentHash } from '../../common/menu/content-version';
import type { Menu } from '../../common/menu/schema';
import { diffMenus, summarize } from '../shared/menu-diff';
import type { BackOfficeTables } from './db/tables';
import { localTime } from './local-time';

type Db = Kysely<BackOfficeTables> | Transaction<BackOfficeTables>;

/** publish / rollback: by the back office; seen_on_bus: published by someone else; menu_file: the kiosks' menu file. */
export type PublicationKind = 'publish' | 'rollback' | 'seen_on_bus' | 'menu_file';

export interface PublishedMenu {
  version: string;
  menu: Menu;
  publishedAt: number;
  publishedBy: string;
  kind: PublicationKind;
}

/** The version now on the bus: the latest publication. */
export async function currentPublication(db: Db): Promise<PublishedMenu | null> {
  const row = await db
    .selectFrom('menu_publications as p')
    .innerJoin('menu_versions as v', 'v.version', 'p.version')
    .select(['p.version', 'v.menu', 'p.published_at', 'p.published_by', 'p.kind'])
    .orderBy('p.published_at', 'desc')
    .orderBy('v.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return { version: row.version, menu: JSON.parse(row.menu) as Menu, publishedAt: row.published_at, publishedBy: row.published_by, kind: row.kind as PublicationKind };
}

/**
 * Records a menu as published at `at`: a version not seen before is stored with what changed
 * against the one published before it. Returns 'known' when it is already the current one.
 */
export async function recordMenuVersion(
  db: Db,
  input: { menu: Menu; by: string; at: number; kind: PublicationKind },
): Promise<'known' | 'new_version' | 'republished'> {
  const current = await currentPublication(db);
  if (current?.version === input.menu.version) return 'known';
  const existing = await db.selectFrom('menu_versions').select('version').where('version', '=', input.menu.version).executeTakeFirst();
  let outcome: 'new_version' | 'republished' = 'republished';
  if (!existing) {
    const last = await db.selectFrom('menu_versions').select(({ fn }) => fn.max('seq').as('seq')).executeTakeFirst();
    await db
      .insertInto('menu_versions')
      .values({
        version: input.menu.version,
        seq: Number(last?.seq ?? 0) + 1,
        menu: JSON.stringify(input.menu),
        content_hash: menuContentHash(input.menu),
        summary: summarize(diffMenus(current?.menu ?? null, input.menu)),
        created_at: input.at,
        created_by: input.by,
      })
      .execute();
    outcome = 'new_version';
  }
  await db.insertInto('menu_publications').values({ id: randomUUID(), version: input.menu.version, published_at: input.at, published_by: input.by, kind: input.kind }).execute();
  return outcome;
}

/** The next version name: the store's date and a running number, "2026-12-02.3". */
export async function nextVersionName(db: Db, at: number, timezone: string): Promise<string> {
  const { date } = localTime(at, timezone);
  const taken = await db.selectFrom('menu_versions').select('version').where('version', 'like', `${date}.%`).execute();
  const numbers = taken.map((row) => Number(row.version.slice(date.length + 1))).filter((n) => Number.isInteger(n));
  return `${date}.${Math.max(0, ...numbers) + 1}`;
}

export interface VersionRow {
  version: string;
  seq: number;
  summary: string;
  createdAt: number;
  createdBy: string;
  contentHash: string;
  /** Times it went out, newest first. */
  publications: { at: number; by: string; kind: PublicationKind }[];
}

export async function listVersions(db: Db): Promise<VersionRow[]> {
  const versions = await db.selectFrom('menu_versions').select(['version', 'seq', 'summary', 'created_at', 'created_by', 'content_hash']).orderBy('seq', 'desc').execute();
  const publications = await db.selectFrom('menu_publications').selectAll().orderBy('published_at', 'desc').execute();
  return versions.map((row) => ({
    version: row.version,
    seq: row.seq,
    summary: row.summary,
    createdAt: row.created_at,
    createdBy: row.created_by,
    contentHash: row.content_hash,
    publications: publications.filter((publication) => publication.version === row.version).map((publication) => ({ at: publication.published_at, by: publication.published_by, kind: publication.kind as PublicationKind })),
  }));
}

export async function menuOfVersion(db: Db, version: string): Promise<Menu | null> {
  const row = await db.selectFrom('menu_versions').select('menu').where('version', '=', version).executeTakeFirst();
  return row ? (JSON.parse(row.menu) as Menu) : null;
}
