import { startKiosk } from '../tests/support/kiosk';
import { cdp } from './browser';
import { BENCH_HOST_ENV, controls, writeLargeMenu } from './kiosk-setup';
import { generateHugeCategoryMenu } from './large-menu';
const files = writeLargeMenu(generateHugeCategoryMenu());
const kiosk = await startKiosk({ menuPath: files.menuPath, storeConfigPath: files.storeConfigPath, env: BENCH_HOST_ENV });
try {
  const { page } = kiosk; const ui = controls(page);
  await ui.startOrder().waitFor({ timeout: 60000 }); await ui.startOrder().click(); await ui.serviceMode('Eat in').click(); await ui.categories().waitFor();
  const session = await cdp(page);
  await session.send('Profiler.enable'); await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await ui.category('First ten').click(); await page.waitForTimeout(500);
  await session.send('Profiler.start');
  const t0 = Date.now();
  await ui.category('Everything').click(); await ui.categoryHeading('Everything').waitFor(); await page.locator('.entry-grid li button').first().waitFor();
  await page.waitForTimeout(300);
  const { profile } = await session.send('Profiler.stop') as any;
  console.log('elapsed', Date.now() - t0);
  const self = new Map<string, number>(); const dt = profile.timeDeltas as number[]; const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  profile.samples.forEach((id: number, i: number) => { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)} ms ${k}`).join('\n'));
  console.log(await page.evaluate(() => { const l = document.querySelector('.entry-grid')!; const st = getComputedStyle(l); return [st.display, st.gridTemplateColumns, st.paddingTop, st.paddingBottom, l.getBoundingClientRect().width, window.innerWidth, window.innerHeight].join(' | '); }));
  console.log(await page.evaluate(() => [...document.querySelectorAll('.entry-grid li')].map((li) => `${(li as HTMLElement).offsetTop}:${(li as HTMLElement).offsetHeight}`).join(' ')), await page.evaluate(() => document.querySelector('.entry-grid')!.getBoundingClientRect().top + ' ' + window.scrollY));
  await page.screenshot({ path: '/tmp/f-huge.png' });
  console.log('cards', await page.locator('.entry-grid li').count());
} finally { await kiosk.close(); files.remove(); }
