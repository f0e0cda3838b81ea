// The store's brand theme: WCAG contrast ratios, every text pair checked at load (a theme below
// 4.5:1 is refused naming the field, both colours and the ratio), the sample store's own look,
// theme files kept inside the store config's folder (symlinks resolved) and served only as
// images and fonts; and the menu's featured list for the attract screen.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contrastRatio, themeContrastProblems, themeCustomProperties } from '../../../common/menu/theme';
import type { ThemeColors } from '../../../common/menu/theme-schema';
import { validateMenu, validateStoreConfig } from '../../../common/menu/validate';
import { ConfigError, loadKioskConfig } from '../../../electron/host/config';
import { lookupStaticFile } from '../../../electron/host/static-files';
import { SAMPLE_DIR, SAMPLE_MENU_FILE, sampleMenuJson, sampleStore, sampleStoreJson } from './sample';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-theme-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const good: ThemeColors = { background: '#ffffff', text: '#1a1a1a', surface: '#f4f1ea', accent: '#b3261e', accentText: '#ffffff' };

describe('contrast ratio (WCAG 2.2)', () => {
  it('is 21:1 for black on white, 1:1 for a colour on itself, the same either way round', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#b3261e', '#b3261e')).toBe(1);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(contrastRatio('#767676', '#ffffff'), 10);
  });

  it('puts the known boundary greys on the right side of 4.5:1', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5); // 4.54:1, the lightest AA grey on white
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5); // 4.48:1
  });
});

describe('theme contrast check', () => {
  it('passes a theme whose every text pair reaches 4.5:1', () => {
    expect(themeContrastProblems(good)).toEqual([]);
  });

  it('names the field, both colours and the ratio (rounded down) of each pair below 4.5:1', () => {
    const problems = themeContrastProblems({ ...good, text: '#777777', accentText: '#f0a0a0' });
    expect(problems.map((problem) => problem.message)).toEqual([
      'text #777777 on background #ffffff has a contrast ratio of 4.47:1; text needs at least 4.5:1 (WCAG 1.4.3)',
      expect.stringMatching(/^text #777777 on surface #f4f1ea has a contrast ratio of \d\.\d\d:1; text needs at least 4\.5:1/),
      expect.stringMatching(/^accentText #f0a0a0 on accent #b3261e has a contrast ratio of \d\.\d\d:1/),
    ]);
    expect(problems.map(({ field, against }) => `${field}/${against}`)).toEqual(['text/background', 'text/surface', 'accentText/accent']);
  });

  it('refuses such a store config at its JSON path, like every other config error', () => {
    const result = validateStoreConfig({ ...sampleStoreJson(), theme: { colors: { ...good, accent: '#ff8a80' } } });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ path: '$.theme.colors.accentText', message: expect.stringMatching(/^accentText #ffffff on accent #ff8a80 has a contrast ratio of 2\.\d\d:1/) }),
        expect.objectContaining({ path: '$.theme.colors.accent', message: expect.stringMatching(/^accent #ff8a80 on background #ffffff has a contrast ratio of 2\.\d\d:1/) }),
        expect.objectContaining({ path: '$.theme.colors.accent', message: expect.stringMatching(/^accent #ff8a80 on surface #f4f1ea has a contrast ratio of \d\.\d\d:1/) }),
      ],
    });
  });

  it('refuses colours that are not #RRGGBB and font families that could break out of CSS', () => {
    const result = validateStoreConfig({ ...sampleStoreJson(), theme: { colors: { ...good, text: 'black' }, font: { family: 'X"; } body { display:none', files: [{ file: 'f.woff2' }] } } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['$.theme.colors.text', '$.theme.font.family']);
  });

  it('gives the sample store a checked look: logo, five colours and its own font', () => {
    expect(validateStoreConfig(sampleStoreJson()).ok).toBe(true);
    expect(sampleStore.theme?.logo).toBe('brand/logo.svg');
    expect(themeContrastProblems(sampleStore.theme!.colors!)).toEqual([]);
    expect(themeCustomProperties(sampleStore.theme)).toEqual({
      '--theme-background': '#fffaf2',
      '--theme-text': '#2a1b12',
      '--theme-surface': '#f7e6cc',
      '--theme-accent': '#a4281c',
      '--theme-accent-text': '#ffffff',
      '--theme-font': '"Open Sans"',
    });
  });
});

describe('theme files', () => {
  const storeWith = (dir: string, theme: unknown): string => {
    const path = join(dir, 'store.json');
    writeFileSync(path, JSON.stringify({ ...sampleStoreJson(), theme }));
    return path;
  };
  const problemsOf = (load: () => unknown): string[] => {
    try {
      load();
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((problem) => `${problem.where}: ${problem.reason}`);
    }
  };

  it('must stay inside the store config folder, symlinks resolved: the host refuses the config', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.woff2'), 'not yours');
    const dir = tempDir();
    mkdirSync(join(dir, 'fonts'));
    symlinkSync(join(outside, 'secret.woff2'), join(dir, 'fonts', 'escape.woff2'));
    const storePath = storeWith(dir, { logo: 'logo.svg', font: { family: 'Brand', files: [{ file: 'fonts/escape.woff2' }] } });
    expect(problemsOf(() => loadKioskConfig(storePath, SAMPLE_MENU_FILE))).toEqual([expect.stringMatching(/^\$\.theme\.font\.files\[0\]\.file: "fonts\/escape.woff2" resolves to .*secret\.woff2, outside the store config's folder/)]);
    expect(problemsOf(() => loadKioskConfig(storeWith(dir, { logo: '../logo.svg' }), SAMPLE_MENU_FILE))).toEqual([expect.stringMatching(/^\$\.theme\.logo: must be a relative path inside the store config's folder/)]);
  });

  it('are served under store-assets/ as images and fonts only, never the config or a link out', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.woff2'), 'not yours');
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), '{}');
    writeFileSync(join(dir, 'font.woff2'), 'font');
    symlinkSync(join(outside, 'secret.woff2'), join(dir, 'escape.woff2'));
    const roots = { rendererDir: tempDir(), assetDir: tempDir(), brandDir: dir };
    expect(lookupStaticFile('/store-assets/font.woff2', roots)).toMatchObject({ contentType: 'font/woff2' });
    expect(lookupStaticFile('/store-assets/store.json', roots)).toEqual({ notFound: '/store-assets/store.json is not a theme file (an image or a font)' });
    expect(lookupStaticFile('/store-assets/escape.woff2', roots)).toEqual({ notFound: '/store-assets/escape.woff2 leads outside the served folders' });
    expect(lookupStaticFile('/store-assets/brand/logo.svg', { ...roots, brandDir: SAMPLE_DIR })).toMatchObject({ contentType: 'image/svg+xml' });
    expect(lookupStaticFile('/store-assets/store-bus-users.json', { ...roots, brandDir: SAMPLE_DIR })).toMatchObject({ notFound: expect.stringContaining('is not a theme file') });
  });
});

describe('featured entries (attract screen)', () => {
  it('must name items or meals that a category lists, each once', () => {
    const menu = sampleMenuJson() as { featured: string[] };
    menu.featured = ['big-burger-meal', 'big-burger-meal', 'no-such-thing'];
    const result = validateMenu(menu);
    expect(result.ok ? [] : result.errors).toEqual([
      { path: '$.featured[1]', message: 'duplicate featured entry "big-burger-meal" (first at $.featured[0])' },
      { path: '$.featured[2]', message: 'unknown item or meal "no-such-thing"' },
    ]);
  });
});
