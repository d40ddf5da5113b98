// End-to-end: an archivist's review in a real browser (Debian's Chromium,
// headless, driven by playwright-core) against `protokoll serve` on
// loopback over the born-digital samples: list, open a document, select a
// paragraph and see its stored box on the page image, correct a date and an
// attendee, reload and see them, `reprocess` and see them kept, search a word
// and land on its page, keyboard navigation. Screenshots go to the folder in
// argv[5] when one is given (docs/ for the README).
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [binary, chromiumPath, playwrightModule, screenshots] = process.argv.slice(2);
const { chromium } = require(playwrightModule);
const samples = path.resolve(__dirname, '../../samples');

let failures = 0;
function check(ok, what) {
  console.log((ok ? 'ok   ' : 'FAIL ') + what);
  if (!ok) failures++;
}
function protokoll(db, args) {
  return execFileSync(binary, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// Starts `protokoll serve --port 0` and resolves with its URL once it listens.
function serve(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['--db', db, 'serve', '--port', '0', '--allow-local-edits'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + err)), 20000);
    child.stderr.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.on('exit', (code) => reject(new Error('serve exited ' + code + ': ' + err)));
  });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'protokoll-browser-'));
  const files = path.join(dir, 'files');
  fs.mkdirSync(files);
  for (const name of ['riverton-council-minutes-2025-03-04.pdf', 'valfardsnamnden-protokoll-2025-04-14.pdf'])
    fs.copyFileSync(path.join(samples, name), path.join(files, name));
  const db = path.join(dir, 'db');
  protokoll(db, ['ingest', '--quiet', '--ocr', 'never', files]);
  const riverton = JSON.parse(protokoll(db, ['list', '--json']).split('\n').filter(Boolean)
    .find((l) => l.includes('riverton')));

  const { child, url } = await serve(db);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    page.on('pageerror', (e) => check(false, 'no script error: ' + e.message));

    // The list, with Swedish characters intact.
    await page.goto(url);
    await page.waitForSelector('table.list tbody tr');
    check(await page.locator('table.list tbody tr').count() === 2, 'the list shows both documents');
    check(await page.locator('td', { hasText: 'Välfärdsnämnden' }).count() > 0, 'å, ä, ö display as printed');

    // Open a document; select a paragraph: its box is drawn where the store says.
    await page.locator('tr', { hasText: 'Riverton' }).click();
    await page.waitForFunction(() => { const i = document.getElementById('page-image'); return i && !i.hidden && i.naturalWidth > 0; });
    const doc = await page.evaluate((id) => fetch('/api/documents/' + id + '?repairs=1').then((r) => r.json()), riverton.id);
    // The page shows paragraphs in the document's order: preamble, then each item's.
    const paragraphs = [...doc.preamble, ...doc.items.flatMap((it) => it.paragraphs)];
    const records = page.locator('.paragraph.record');
    check(await records.count() === paragraphs.length, 'every paragraph is listed');
    let index = -1;
    // The last such paragraph: one inside an item, for the screenshot.
    paragraphs.forEach((p, i) => { if (p.page === 1 && p.bbox[2] > p.bbox[0]) index = i; });
    check(index >= 0, 'a paragraph on page 1 with a stored box');
    await records.nth(index).click();
    await page.waitForSelector('#page-box:not([hidden])');
    const p = paragraphs[index];
    check((await records.nth(index).locator('.text').innerText()).trim() === p.text.trim(), 'the selected record is that paragraph');
    const geometry = await page.evaluate(() => {
      const img = document.getElementById('page-image').getBoundingClientRect();
      const box = document.getElementById('page-box').getBoundingClientRect();
      const natural = document.getElementById('page-image').naturalWidth;
      return { img: { x: img.x, y: img.y, w: img.width }, box: { x: box.x, y: box.y, w: box.width, h: box.height }, natural };
    });
    const scale = (100 / 72) * (geometry.img.w / geometry.natural);
    check(Math.abs(geometry.box.x - geometry.img.x - p.bbox[0] * scale) < 3 &&
          Math.abs(geometry.box.y - geometry.img.y - p.bbox[1] * scale) < 3 &&
          Math.abs(geometry.box.w - (p.bbox[2] - p.bbox[0]) * scale) < 5, 'the drawn box is the paragraph\'s stored box');
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'serve-document.png') });

    // Correct the date and an attendee.
    await page.click('button[data-field="metadata.date"]');
    await page.waitForSelector('#correct-dialog:not([hidden])');
    await page.fill('#correct-value', '2025-03-05');
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'serve-correction.png') });
    await page.click('#correct-form button[type=submit]');
    await page.waitForFunction(() => (document.querySelector('dd[data-field="metadata.date"]') || {}).textContent?.startsWith('2025-03-05'));
    check(true, 'the corrected date shows');
    await page.click('button[data-field="attendees[0].name"]');
    await page.fill('#correct-value', 'Åsa Öberg');
    await page.click('#correct-form button[type=submit]');
    await page.waitForSelector('table.attendees td:has-text("Åsa Öberg")');
    check(true, 'the corrected attendee shows');
    // A bad value is refused in the dialog.
    await page.click('button[data-field="metadata.date"]');
    await page.fill('#correct-value', '5 mars');
    await page.click('#correct-form button[type=submit]');
    await page.waitForSelector('#correct-error:not([hidden])');
    check((await page.innerText('#correct-error')).includes('YYYY-MM-DD'), 'a bad date is refused with the reason');
    await page.click('#correct-cancel');

    const corrected = async (what) => {
      await page.waitForSelector('dd[data-field="metadata.date"]');
      const date = await page.innerText('dd[data-field="metadata.date"]');
      const name = await page.locator('table.attendees td', { hasText: 'Åsa Öberg' }).count();
      check(date.startsWith('2025-03-05') && name === 1, 'both corrections show ' + what);
    };
    await page.reload();
    await corrected('after a reload');
    protokoll(db, ['reprocess', riverton.id.slice(0, 12)]);
    await page.reload();
    await corrected('after reprocess');
    const listed = protokoll(db, ['corrections', '--json']).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    check(listed.length === 2 && listed.every((c) => c.who === 'local'), '`corrections` lists both, signed "local"');

    // An item boundary: the last paragraph of the first item opens the second.
    const lastOfFirst = page.locator('section.item').nth(0).locator('.paragraph').last();
    const movedText = (await lastOfFirst.locator('.text').innerText()).trim();
    await lastOfFirst.locator('button[title^="⤓"]').click();
    await page.waitForFunction((t) => {
      const first = document.querySelectorAll('section.item')[1]?.querySelector('.paragraph .text');
      return first && first.textContent.trim() === t;
    }, movedText);
    await page.reload();
    await page.waitForSelector('section.item');
    check((await page.locator('section.item').nth(1).locator('.paragraph .text').first().innerText()).trim() === movedText,
      'a moved item boundary shows, and lasts');
    await page.waitForSelector('#corrections li');
    check((await page.innerText('#corrections')).includes('items[1].start'), 'the boundary is listed as a correction');

    // Keys: j selects the next record, ] turns the page.
    const before = await page.evaluate(() => document.querySelectorAll('.record.selected').length);
    await page.keyboard.press('j');
    check(before === 0 && await page.locator('.record.selected').count() === 1, 'j selects a record');
    await page.keyboard.press(']');
    await page.waitForFunction(() => document.getElementById('page-info').textContent.includes('Page 2'));
    check(true, '] turns to page 2');

    // Search a word and land on its page, the paragraph selected.
    await page.goto(url + '#/search?q=' + encodeURIComponent('notified'));
    await page.waitForSelector('ol.hits li a');
    const href = await page.getAttribute('ol.hits li a', 'href');
    const hitPage = Number(new URLSearchParams(href.split('?')[1]).get('page'));
    await page.click('ol.hits li a');
    await page.waitForSelector('.record.selected mark');
    const info = await page.innerText('#page-info');
    check(info.includes('Page ' + hitPage + ' '), 'the hit opens its page (' + hitPage + ')');
    if (screenshots) await page.screenshot({ path: path.join(screenshots, 'serve-search-hit.png') });

    // Status: the counts `stats` gives, and the failed inputs.
    await page.goto(url + '#/status');
    await page.waitForSelector('dd[data-stat="documents"]');
    check(await page.innerText('dd[data-stat="documents"]') === '2', 'the status page counts both documents');
    check((await page.innerText('#failures')).includes('None'), 'no failed inputs');
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failures) { console.log(failures + ' checks failed'); process.exit(1); }
  console.log('all checks passed');
}

main().catch((e) => { console.error('FAIL', e); process.exit(1); });
