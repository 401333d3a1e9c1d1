#!/usr/bin/env node
// testpage.js over TLS: the jlws sample app's test page over https:// and its WebSockets over wss://.
//   node testpage-tls.js https://127.0.0.1:PORT/ [screenshot.png]
// Runs testpage.js unchanged, with Chromium told to accept the test server's certificate: the command-line flag
// --ignore-certificate-errors (for the wss:// connections) and playwright's ignoreHTTPSErrors (for the page).
// Same exit codes as testpage.js.
'use strict';

const playwright = require('playwright-core');

const url = process.argv[2];
if (!url || !url.startsWith('https://')) {
  console.error('usage: node testpage-tls.js https://127.0.0.1:PORT/ [screenshot.png]');
  process.exit(2);
}

const launch = playwright.chromium.launch.bind(playwright.chromium);
playwright.chromium.launch = async (options = {}) => {
  const browser = await launch({ ...options, args: [...(options.args || []), '--ignore-certificate-errors'] });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (pageOptions = {}) => newPage({ ...pageOptions, ignoreHTTPSErrors: true });
  return browser;
};
console.log('[testpage-tls] https: ' + url + ' (certificate errors ignored)');

require('./testpage.js');
