#!/usr/bin/env node
// Opens the jlws sample app's test page in headless Chromium and checks that it works end to end:
//   node testpage.js http://127.0.0.1:PORT/ [screenshot.png]
// Exits 0 when the dumb-increment counter counts, a mouse stroke on the canvas comes back through
// lws-mirror-protocol and lws-status lists this browser; non-zero with a message otherwise (30 s overall).
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const url = process.argv[2];
const screenshot = path.resolve(process.argv[3] || path.join(__dirname, '..', '..', '..', 'target', 'browser', 'testpage.png'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const OVERALL_MS = 30000;
const STEP_MS = 10000;

if (!url) {
  console.error('usage: node testpage.js http://127.0.0.1:PORT/ [screenshot.png]');
  process.exit(2);
}

let browser;
let finished = false;

function log(line) {
  console.log('[testpage] ' + line);
}

async function finish(code, message) {
  if (finished) return;
  finished = true;
  (code === 0 ? console.log : console.error)('[testpage] ' + message);
  if (browser) {
    await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  }
  process.exit(code);
}

const overall = setTimeout(() => finish(3, 'FAIL: overall timeout of ' + OVERALL_MS / 1000 + ' s'), OVERALL_MS);

async function text(page, selector) {
  return (await page.textContent(selector)) || '';
}

async function main() {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: STEP_MS,
  });
  log('chromium ' + browser.version());
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  const pageErrors = [];
  page.on('console', (m) => log('console.' + m.type() + ': ' + m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // every resource the page loads must exist (browsers also ask for /favicon.ico, which the sample does not have)
  const badResponses = [];
  page.on('response', (r) => {
    if (r.status() >= 400) {
      log('HTTP ' + r.status() + ' ' + r.url());
      if (!r.url().endsWith('/favicon.ico')) badResponses.push(r.status() + ' ' + r.url());
    }
  });

  const response = await page.goto(url, { waitUntil: 'load', timeout: STEP_MS });
  if (!response || response.status() !== 200) {
    throw new Error('GET ' + url + ' answered ' + (response ? response.status() : 'nothing'));
  }

  // dumb-increment-protocol: #number shows a number, and it goes up over time
  await page.waitForFunction(() => /^\d+$/.test(document.getElementById('number').textContent),
    null, { timeout: STEP_MS });
  const first = Number(await text(page, '#number'));
  await page.waitForFunction((n) => Number(document.getElementById('number').textContent) >= n + 5,
    first, { timeout: STEP_MS });
  log('counter went from ' + first + ' to ' + (await text(page, '#number')));

  // lws-mirror-protocol: draw a stroke; what we send comes back (sender included) and is counted in #mirrored
  await page.waitForFunction(() => document.getElementById('mirror-state').textContent === 'open',
    null, { timeout: STEP_MS });
  const box = await page.locator('#canvas').boundingBox();
  if (!box) throw new Error('#canvas has no box');
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(box.x + 30 + i * 20, box.y + 30 + i * 8, { steps: 2 });
  }
  await page.mouse.up();
  await page.waitForFunction(() => Number(document.getElementById('mirrored').textContent) > 0,
    null, { timeout: STEP_MS });
  log('mirrored back: ' + (await text(page, '#mirrored')));

  // lws-status: the fragmented JSON list names this browser
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('HeadlessChrome'),
    null, { timeout: STEP_MS });

  if (pageErrors.length > 0) {
    throw new Error('page errors: ' + pageErrors.join('; '));
  }
  if (badResponses.length > 0) {
    throw new Error('failed requests: ' + badResponses.join('; '));
  }
  fs.mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  log('screenshot ' + screenshot);
}

main().then(
  () => { clearTimeout(overall); return finish(0, 'OK'); },
  (err) => { clearTimeout(overall); return finish(1, 'FAIL: ' + (err && err.stack ? err.stack : err)); },
);
