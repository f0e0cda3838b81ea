// The page's one way to the back office server: JSON over fetch, same origin, with the
// session's CSRF token on every change. Errors come back as codes with a message.
import type { Menu } from '../../common/menu/schema';
import type { ValidationError } from '../../common/menu/validate';

export const API = '/back-office/api/';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ValidationError[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

export async function api<T>(method: string, path: string, body?: unknown, init: { raw?: Blob | string; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API + path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : init.raw !== undefined ? { body: init.raw } : {}),
  });
  const data = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; errors?: ValidationError[] } };
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'failed', data.error?.message ?? `HTTP ${response.status}`, data.error?.errors ?? []);
  return data as T;
}

export interface SessionInfo {
  username: string;
  role: 'operator' | 'staff';
  csrfToken: string;
}

export interface KioskRow {
  kioskId: string;
  state: string;
  menuVersion: string | null;
  printer: string | null;
  terminal: string | null;
  at: number;
}

export interface BackOfficeState {
  store: { id: string; name: string; timezone: string; currency: string; locale: string; taxClasses: string[] };
  busOnline: boolean;
  closingTime: string;
  published: { version: string; menu: Menu; publishedAt: number; publishedBy: string } | null;
  draft: { menu: unknown; baseVersion: string | null; updatedAt: number; updatedBy: string } | null;
  kiosks: KioskRow[];
  rollout: { version: string; done: number; online: number } | null;
  soldOut: { itemId: string; since: number; by: string; keep: boolean }[];
}

export interface VersionRow {
  version: string;
  seq: number;
  summary: string;
  createdAt: number;
  createdBy: string;
  publications: { at: number; by: string; kind: string }[];
}

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
