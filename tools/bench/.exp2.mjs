import { launchBrowser, serveStatic } from "../e2e/helpers.mjs";
const server = await serveStatic("/tmp/compositor-exp");
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.origin}/r.html`);
  for (let i = 0; i < 3; i++) console.log(JSON.stringify(await page.evaluate(() => window.run())));
} finally { await browser.close(); await server.stop(); }
