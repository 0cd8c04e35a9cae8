import fs from 'node:fs';
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 2400, height: 900 } });
await page.setContent('<html><body style="margin:0"><div id="c" style="width:2400px;height:900px"></div></body></html>');
await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/diagram-js.css' });
await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/bpmn-js.css' });
await page.addScriptTag({ path: 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js' });
for (const f of process.argv.slice(2)) {
  const xml = fs.readFileSync(f, 'utf8');
  await page.evaluate(async (xml) => {
    const v = new (window as any).BpmnJS({ container: '#c' });
    await v.importXML(xml);
    v.get('canvas').zoom('fit-viewport');
  }, xml);
  await page.screenshot({ path: `/tmp/${f.split('/').pop()}.png` });
}
await browser.close();
